package io.tstore.core.fs.s3;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.blobstore.BlobStore;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A real S3 server for tests: S3Proxy 4 with its in-memory ("transient") store, on a free port of 127.0.0.1. Its
 * store honours {@code If-None-Match: *} atomically. One per test class; buckets are made with
 * {@link #createBucket}.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "tstore";
    public static final String SECRET_KEY = "tstore-secret";

    private final S3Proxy proxy;
    private final BlobStore store;

    private S3ProxyServer(S3Proxy proxy, BlobStore store) {
        this.proxy = proxy;
        this.store = store;
    }

    public static S3ProxyServer start() throws Exception {
        BlobStore store = BlobStores.create("transient", new Properties());
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.NONE, null, null)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                proxy.stop();
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        return new S3ProxyServer(proxy, store);
    }

    public int port() {
        return proxy.getPort();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    public void createBucket(String bucket) {
        if (!store.containerExists(bucket)) {
            store.createContainer(bucket, org.gaul.s3proxy.blobstore.options.CreateContainerOptions.NONE);
        }
    }

    /** Catalog options of an {@link S3FileIO} on this server, or on a proxy in front of it at {@code endpoint}. */
    public Map<String, String> options(String endpoint) {
        return optionsAt(endpoint);
    }

    /** Catalog options of an {@link S3FileIO} on an S3Proxy server (any process) at {@code endpoint}. */
    public static Map<String, String> optionsAt(String endpoint) {
        Map<String, String> options = new HashMap<>();
        options.put(S3FileIOOptions.ENDPOINT.key(), endpoint);
        options.put(S3FileIOOptions.PATH_STYLE_ACCESS.key(), "true");
        options.put(S3FileIOOptions.ACCESS_KEY_ID.key(), ACCESS_KEY);
        options.put(S3FileIOOptions.SECRET_ACCESS_KEY.key(), SECRET_KEY);
        return options;
    }

    public Map<String, String> options() {
        return options(endpoint());
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }

    /**
     * {@code S3ProxyServer <bucket>...}: a server in a process of its own (see {@code S3ProxyProcess}), for tests whose
     * engine's class path clashes with S3Proxy's (its Jackson 3 needs newer Jackson annotations than Spark brings).
     * Prints {@code S3PROXY <port>} once the buckets exist, and stops when its standard input ends.
     */
    public static void main(String[] args) throws Exception {
        try (S3ProxyServer server = start()) {
            for (String bucket : args) {
                server.createBucket(bucket);
            }
            System.out.println("S3PROXY " + server.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the test closes our standard input, or ends
            }
        }
    }
}
