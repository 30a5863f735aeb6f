package io.tstore.core.fs.s3;

import io.tstore.options.ConfigOption;
import io.tstore.options.OptionsValidator;
import io.tstore.options.Options;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Builds and shares the {@link S3Client}s of {@link S3FileIO}: one per distinct set of S3 options in a process. */
final class S3Clients {
    private S3Clients() {}

    private static final String PREFIX = "file-io.s3.";
    private static final long MIN_PART_SIZE = 5L << 20;
    private static final ConcurrentMap<Map<String, String>, S3Client> SHARED = new ConcurrentHashMap<>();

    /** The {@code file-io.s3.} options among catalog options. */
    static TreeMap<String, String> s3Options(Map<String, String> options) {
        TreeMap<String, String> s3 = new TreeMap<>();
        options.forEach((key, value) -> {
            if (key.startsWith(PREFIX)) {
                s3.put(key, value);
            }
        });
        return s3;
    }

    /** Fails on an unknown {@code file-io.s3.} key, a value that does not parse, or half a pair of keys. */
    static void check(Map<String, String> s3Options) {
        List<ConfigOption<?>> known = OptionsValidator.optionsOf(S3FileIOOptions.class);
        for (Map.Entry<String, String> entry : s3Options.entrySet()) {
            ConfigOption<?> option = known.stream().filter(o -> o.key().equals(entry.getKey())).findFirst().orElse(null);
            if (option == null) {
                throw new IllegalArgumentException("Unknown S3 file IO option '" + entry.getKey() + "': the options are "
                        + known.stream().map(ConfigOption::key).sorted().toList() + " (docs/options.md)");
            }
            try {
                option.parse(entry.getValue());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Invalid value '" + entry.getValue() + "' of option '" + entry.getKey() + "': "
                        + e.getMessage(), e);
            }
        }
        Options typed = new Options(s3Options);
        if (typed.contains(S3FileIOOptions.ACCESS_KEY_ID) != typed.contains(S3FileIOOptions.SECRET_ACCESS_KEY)) {
            throw new IllegalArgumentException("Options '" + S3FileIOOptions.ACCESS_KEY_ID.key() + "' and '"
                    + S3FileIOOptions.SECRET_ACCESS_KEY.key() + "' go together: set both, or neither to use the default credentials chain");
        }
        if (typed.get(S3FileIOOptions.MAX_ATTEMPTS) < 1) {
            throw new IllegalArgumentException("Option '" + S3FileIOOptions.MAX_ATTEMPTS.key() + "' must be at least 1, not "
                    + typed.get(S3FileIOOptions.MAX_ATTEMPTS));
        }
        partSize(typed);
        typed.getOptional(S3FileIOOptions.ENDPOINT).ifPresent(endpoint -> {
            URI uri;
            try {
                uri = URI.create(endpoint);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid value '" + endpoint + "' of option '" + S3FileIOOptions.ENDPOINT.key()
                        + "': " + e.getMessage(), e);
            }
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("Invalid value '" + endpoint + "' of option '" + S3FileIOOptions.ENDPOINT.key()
                        + "': expected a URL such as http://127.0.0.1:9000");
            }
        });
    }

    static int partSize(Options typed) {
        long bytes = typed.get(S3FileIOOptions.MULTIPART_PART_SIZE).bytes();
        if (bytes < MIN_PART_SIZE || bytes > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("Option '" + S3FileIOOptions.MULTIPART_PART_SIZE.key() + "' must be between 5 mb and 2 gb, not "
                    + typed.get(S3FileIOOptions.MULTIPART_PART_SIZE));
        }
        return (int) bytes;
    }

    static S3Client shared(Map<String, String> s3Options) {
        return SHARED.computeIfAbsent(Map.copyOf(s3Options), S3Clients::create);
    }

    private static S3Client create(Map<String, String> s3Options) {
        Options options = new Options(s3Options);
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(Apache5HttpClient.builder().maxConnections(64)
                        // Requests are small or parts of a known size: waiting for "100 Continue" costs a round trip each.
                        .expectContinueEnabled(false))
                .forcePathStyle(options.get(S3FileIOOptions.PATH_STYLE_ACCESS))
                // Plain Content-Length bodies work with every S3-compatible store; TCP and TLS check the bytes in flight.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(options.get(S3FileIOOptions.MAX_ATTEMPTS))
                        // Many writers of one process share a client: one bad minute must not switch retries off for all.
                        .circuitBreakerEnabled(false)
                        // A connection broken while the SDK parses a response (a listing cut off) fails the parse;
                        // like a broken connection before the response, it is worth another attempt.
                        .retryOnException(S3Clients::brokenConnection)
                        .build()))
                .credentialsProvider(credentials(options));
        options.getOptional(S3FileIOOptions.ENDPOINT).ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint)));
        builder.region(region(options));
        return builder.build();
    }

    private static boolean brokenConnection(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    private static Region region(Options options) {
        if (options.contains(S3FileIOOptions.REGION)) {
            return Region.of(options.get(S3FileIOOptions.REGION));
        }
        if (options.contains(S3FileIOOptions.ENDPOINT)) {
            return Region.US_EAST_1; // an S3-compatible server: the region only goes into the signature
        }
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (RuntimeException e) {
            return Region.US_EAST_1;
        }
    }

    private static AwsCredentialsProvider credentials(Options options) {
        if (!options.contains(S3FileIOOptions.ACCESS_KEY_ID)) {
            return DefaultCredentialsProvider.builder().build();
        }
        String id = options.get(S3FileIOOptions.ACCESS_KEY_ID);
        String secret = options.get(S3FileIOOptions.SECRET_ACCESS_KEY);
        return StaticCredentialsProvider.create(options.contains(S3FileIOOptions.SESSION_TOKEN)
                ? AwsSessionCredentials.create(id, secret, options.get(S3FileIOOptions.SESSION_TOKEN))
                : AwsBasicCredentials.create(id, secret));
    }
}
