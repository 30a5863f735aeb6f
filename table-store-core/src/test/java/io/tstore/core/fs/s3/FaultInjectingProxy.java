package io.tstore.core.fs.s3;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP/1.1 proxy between an S3 client and an S3 server that injects faults into chosen requests: a
 * connection reset before the request reaches the server, a throttling answer (503 Slow Down), a request that
 * reaches the server and whose response is lost (the connection is reset instead), and a response cut off half-way.
 * Each request goes to the server on a connection of its own, and each client connection carries one request.
 */
public final class FaultInjectingProxy implements AutoCloseable {

    /** What happens to one request. */
    public enum Fault {
        NONE,
        /** The client's connection is reset before anything is forwarded: the server never sees the request. */
        RESET_BEFORE_FORWARD,
        /** The proxy answers 503 Slow Down itself; the server never sees the request. */
        THROTTLE,
        /** The server handles the request; its response is dropped and the client's connection reset. */
        LOSE_RESPONSE,
        /** The server handles the request; the client gets half of the response, then a reset. */
        RESET_MID_RESPONSE,
    }

    /** A request as the proxy saw it. */
    public record Request(String method, String target, Map<String, String> headers) {
        public boolean isConditionalPut() {
            return method.equals("PUT") && "*".equals(headers.get("if-none-match"));
        }
    }

    /** Picks the fault of each request; called concurrently. */
    public interface Rule {
        Fault decide(Request request);
    }

    private final ServerSocket listener;
    private final int upstreamPort;
    private final Thread acceptor;
    private final Map<Fault, AtomicInteger> injected = new EnumMap<>(Fault.class);
    private final List<Request> requests = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Map<Socket, Boolean> open = new ConcurrentHashMap<>();
    private volatile Rule rule = request -> Fault.NONE;
    private volatile boolean closed;

    public FaultInjectingProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.listener = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        for (Fault fault : Fault.values()) {
            injected.put(fault, new AtomicInteger());
        }
        this.acceptor = new Thread(this::acceptLoop, "fault-proxy-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    public void setRule(Rule rule) {
        this.rule = rule;
    }

    /** How many requests got {@code fault}. */
    public int injected(Fault fault) {
        return injected.get(fault).get();
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                open.put(client, true);
                Thread handler = new Thread(() -> handle(client), "fault-proxy-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                if (!closed) {
                    e.printStackTrace();
                }
            }
        }
    }

    private void handle(Socket client) {
        try (client) {
            client.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(client.getInputStream());
            byte[] head = readHead(in);
            if (head == null) {
                return;
            }
            String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
            String[] requestLine = lines[0].split(" ");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
                }
            }
            byte[] body = readBody(in, headers);
            Request request = new Request(requestLine[0], requestLine[1], headers);
            requests.add(request);
            Fault fault = rule.decide(request);
            injected.get(fault).incrementAndGet();
            OutputStream out = client.getOutputStream();
            switch (fault) {
                case RESET_BEFORE_FORWARD -> reset(client);
                case THROTTLE -> {
                    byte[] error = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SlowDown</Code>"
                            + "<Message>Please reduce your request rate.</Message></Error>").getBytes(StandardCharsets.UTF_8);
                    String response = "HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: " + error.length
                            + "\r\nConnection: close\r\n\r\n";
                    out.write(response.getBytes(StandardCharsets.ISO_8859_1));
                    if (!request.method().equals("HEAD")) {
                        out.write(error);
                    }
                    out.flush();
                }
                default -> {
                    byte[] response = forward(lines, body);
                    switch (fault) {
                        case LOSE_RESPONSE -> reset(client);
                        case RESET_MID_RESPONSE -> {
                            out.write(response, 0, response.length / 2);
                            out.flush();
                            reset(client);
                        }
                        default -> {
                            out.write(response);
                            out.flush();
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the client went away, or the server did: the client sees a broken connection either way
        } finally {
            open.remove(client);
        }
    }

    /** Sends the request to the server on a new connection that it closes after answering, and returns its answer. */
    private byte[] forward(String[] lines, byte[] body) throws IOException {
        try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
            upstream.setTcpNoDelay(true);
            StringBuilder head = new StringBuilder(lines[0]).append("\r\n");
            for (int i = 1; i < lines.length; i++) {
                String lower = lines[i].toLowerCase(Locale.ROOT);
                if (!lower.startsWith("connection:") && !lower.startsWith("expect:")) {
                    head.append(lines[i]).append("\r\n");
                }
            }
            head.append("Connection: close\r\n\r\n");
            OutputStream out = upstream.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return upstream.getInputStream().readAllBytes();
        }
    }

    private static void reset(Socket socket) throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                return head.size() == 0 ? null : head.toByteArray();
            }
            head.write(b);
            last4 = (last4 << 8) | b;
            if (last4 == 0x0D0A0D0A) {
                byte[] bytes = head.toByteArray();
                return java.util.Arrays.copyOf(bytes, bytes.length - 4);
            }
        }
    }

    private static byte[] readBody(InputStream in, Map<String, String> headers) throws IOException {
        String length = headers.get("content-length");
        if (length != null) {
            return in.readNBytes(Integer.parseInt(length));
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            throw new EOFException("chunked request bodies are not supported by this test proxy");
        }
        return new byte[0];
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
        for (Socket socket : open.keySet()) {
            socket.close();
        }
    }
}
