package io.tstore.flink.shell;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import io.tstore.core.fs.s3.S3FileIOOptions;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.options.CreateContainerOptions;

/**
 * The S3 server of {@code tstore sql --embedded-s3}: S3Proxy with its in-memory store, in the shell's process on a
 * free port of 127.0.0.1, with the bucket {@value #BUCKET} that holds the warehouse. It honours {@code If-None-Match}
 * atomically, so the tables on it commit as they would on S3. Its data lives as long as the process.
 */
public final class EmbeddedS3 implements AutoCloseable {

    /** The bucket of the warehouse. */
    public static final String BUCKET = "warehouse";

    /** The warehouse of the session's catalog. */
    public static final String WAREHOUSE = "s3://" + BUCKET + "/";

    private static final String ACCESS_KEY = "tstore";
    private static final String SECRET_KEY = "tstore-secret";

    private final S3Proxy proxy;

    private EmbeddedS3(S3Proxy proxy) {
        this.proxy = proxy;
    }

    /** Starts the server and creates the bucket; the message of a failure says what did not start. */
    public static EmbeddedS3 start() throws IOException {
        try {
            BlobStore store = BlobStores.create("transient", new Properties());
            store.createContainer(BUCKET, CreateContainerOptions.NONE);
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
                    throw new IOException("it did not reach the state STARTED within 30 s (state: " + proxy.getState() + ")");
                }
                Thread.sleep(10);
            }
            return new EmbeddedS3(proxy);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while the embedded S3 server started", e);
        } catch (Exception e) {
            throw new IOException("The embedded S3 server (S3Proxy) did not start: " + StatementRunner.message(e), e);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /** The catalog options that point the S3 file IO at this server. */
    public Map<String, String> catalogOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put(S3FileIOOptions.ENDPOINT.key(), endpoint());
        options.put(S3FileIOOptions.PATH_STYLE_ACCESS.key(), "true");
        options.put(S3FileIOOptions.ACCESS_KEY_ID.key(), ACCESS_KEY);
        options.put(S3FileIOOptions.SECRET_ACCESS_KEY.key(), SECRET_KEY);
        return options;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
