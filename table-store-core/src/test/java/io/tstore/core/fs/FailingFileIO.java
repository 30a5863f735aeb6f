package io.tstore.core.fs;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Wraps a {@link FileIO} and fails its operations with injected {@link IOException}s, to test that a failure at any
 * point loses nothing committed and leaves no garbage that a cleaner could not find.
 *
 * <p>Failures are injected at random (a seeded {@link Random} and a probability, per {@link Kind}) or at the n-th
 * call of a kind. Publishing can also fail ambiguously: the file is published and then
 * {@link PublishOutcomeUnknownException} is thrown, as when a store's answer is lost (see {@link PublishFailure}).
 *
 * <p>With one thread, a seed gives the same failures for the same sequence of calls. It is thread-safe; with many
 * threads the order of calls, and so the failures, depend on scheduling. Tests disarm it to check the end state.
 */
public final class FailingFileIO implements FileIO {
    private static final long serialVersionUID = 1L;

    /** The kinds of calls that can fail. */
    public enum Kind {
        /** Opening a file, each read of a stream, {@code getFileStatus}, {@code listStatus}, {@code exists}. */
        READ,
        /** Creating a file, each write of a stream, closing it, {@code mkdirs}. */
        WRITE,
        RENAME,
        PUBLISH,
        DELETE,
    }

    /** How an injected failure of {@link FileIO#publish} ends. */
    public enum PublishFailure {
        /** A plain {@link IOException} before anything is written: known not published. */
        NOT_PUBLISHED,
        /** {@link PublishOutcomeUnknownException} before anything is written: unknown to the caller, in fact not published. */
        UNKNOWN_NOT_PUBLISHED,
        /** The real publish runs, then {@link PublishOutcomeUnknownException} is thrown: unknown, in fact published (if it won). */
        UNKNOWN_PUBLISHED,
    }

    private final FileIO delegate;
    private final State state = new State();

    public FailingFileIO(FileIO delegate) {
        this.delegate = requireNonNull(delegate, "delegate is null");
    }

    /** Fails each call of the given kinds (all kinds when none are given) with {@code probability}, drawn from {@code seed}. */
    public FailingFileIO failRandomly(long seed, double probability, Kind... kinds) {
        Map<Kind, Double> probabilities = new EnumMap<>(Kind.class);
        for (Kind kind : kinds.length == 0 ? Kind.values() : kinds) {
            probabilities.put(kind, probability);
        }
        return failRandomly(seed, probabilities);
    }

    /**
     * Fails each call of a kind with that kind's probability, drawn from {@code seed}: for workloads where one kind
     * (say, the many small writes of a Parquet file) is far more frequent than another (publishes).
     */
    public FailingFileIO failRandomly(long seed, Map<Kind, Double> probabilities) {
        for (Map.Entry<Kind, Double> entry : probabilities.entrySet()) {
            if (entry.getValue() < 0 || entry.getValue() > 1) {
                throw new IllegalArgumentException("probability of " + entry.getKey() + " must be in [0, 1]: " + entry.getValue());
            }
        }
        synchronized (state) {
            state.random = new Random(seed);
            state.probabilities = probabilities.isEmpty() ? new EnumMap<>(Kind.class) : new EnumMap<>(probabilities);
        }
        return this;
    }

    /** The ways random publish failures end, one picked at random per failure; all of them unless set. */
    public FailingFileIO publishFailures(PublishFailure... failures) {
        if (failures.length == 0) {
            throw new IllegalArgumentException("at least one publish failure is needed");
        }
        synchronized (state) {
            state.publishFailures = List.of(failures);
        }
        return this;
    }

    /** Fails the {@code n}-th call of {@code kind} counted from now (1 is the next one). */
    public FailingFileIO failNthCall(Kind kind, int n) {
        return failNth(kind, n, null);
    }

    /** Fails the {@code n}-th publish counted from now (1 is the next one) in the given way. */
    public FailingFileIO failNthPublish(int n, PublishFailure failure) {
        return failNth(Kind.PUBLISH, n, requireNonNull(failure, "failure is null"));
    }

    private FailingFileIO failNth(Kind kind, int n, PublishFailure failure) {
        requireNonNull(kind, "kind is null");
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1: " + n);
        }
        synchronized (state) {
            state.planned.computeIfAbsent(kind, k -> new TreeMap<>()).put(state.calls.getOrDefault(kind, 0L) + n, failure);
        }
        return this;
    }

    /** Stops injecting failures; calls are still counted. */
    public void disarm() {
        synchronized (state) {
            state.armed = false;
        }
    }

    public void arm() {
        synchronized (state) {
            state.armed = true;
        }
    }

    /** How many calls of {@code kind} were made so far. */
    public long calls(Kind kind) {
        synchronized (state) {
            return state.calls.getOrDefault(kind, 0L);
        }
    }

    /** How many failures were injected so far. */
    public int injectedFailures() {
        synchronized (state) {
            return state.injected.size();
        }
    }

    /** A description of each injected failure, in order: the kind, its call number and the path. */
    public List<String> injectedFailureLog() {
        synchronized (state) {
            return List.copyOf(state.injected);
        }
    }

    /** Whether {@code failure} or one of its causes was injected by a {@code FailingFileIO}. */
    public static boolean isInjected(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InjectedFailureException) {
                return true;
            }
        }
        return false;
    }

    /** An injected failure. */
    public static final class InjectedFailureException extends IOException {
        private static final long serialVersionUID = 1L;

        InjectedFailureException(String message) {
            super(message);
        }
    }

    @Override
    public SeekableInputStream newInputStream(Path path) throws IOException {
        maybeFail(Kind.READ, "open", path);
        return new FailingInputStream(delegate.newInputStream(path), path);
    }

    @Override
    public PositionOutputStream newOutputStream(Path path, boolean overwrite) throws IOException {
        maybeFail(Kind.WRITE, "create", path);
        return new FailingOutputStream(delegate.newOutputStream(path, overwrite), path);
    }

    @Override
    public FileStatus getFileStatus(Path path) throws IOException {
        maybeFail(Kind.READ, "getFileStatus", path);
        return delegate.getFileStatus(path);
    }

    @Override
    public FileStatus[] listStatus(Path path) throws IOException {
        maybeFail(Kind.READ, "listStatus", path);
        return delegate.listStatus(path);
    }

    @Override
    public boolean exists(Path path) throws IOException {
        maybeFail(Kind.READ, "exists", path);
        return delegate.exists(path);
    }

    @Override
    public boolean delete(Path path, boolean recursive) throws IOException {
        maybeFail(Kind.DELETE, "delete", path);
        return delegate.delete(path, recursive);
    }

    @Override
    public boolean mkdirs(Path path) throws IOException {
        maybeFail(Kind.WRITE, "mkdirs", path);
        return delegate.mkdirs(path);
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
        maybeFail(Kind.RENAME, "rename to " + dst + " of", src);
        return delegate.rename(src, dst);
    }

    @Override
    public PublishResult publish(Path target, byte[] content) throws IOException {
        Decision decision = decide(Kind.PUBLISH, "publish", target);
        if (decision == null) {
            return delegate.publish(target, content);
        }
        InjectedFailureException injected = new InjectedFailureException(decision.message + " (" + decision.publishFailure + ")");
        switch (decision.publishFailure) {
            case NOT_PUBLISHED:
                throw injected;
            case UNKNOWN_NOT_PUBLISHED:
                throw new PublishOutcomeUnknownException(target, injected.getMessage() + "; the file was not published", injected);
            case UNKNOWN_PUBLISHED:
            default:
                PublishResult result = delegate.publish(target, content);
                throw new PublishOutcomeUnknownException(target, injected.getMessage() + "; the real publish returned " + result, injected);
        }
    }

    @Override
    public boolean isObjectStore() {
        return delegate.isObjectStore();
    }

    @Override
    public boolean supportsAtomicPublish() {
        return delegate.supportsAtomicPublish();
    }

    @Override
    public String toString() {
        return "FailingFileIO(" + delegate + ")";
    }

    private void maybeFail(Kind kind, String operation, Path path) throws IOException {
        Decision decision = decide(kind, operation, path);
        if (decision != null) {
            throw new InjectedFailureException(decision.message);
        }
    }

    /** Counts the call and decides whether it fails; null when it does not. */
    private Decision decide(Kind kind, String operation, Path path) {
        synchronized (state) {
            long call = state.calls.merge(kind, 1L, Long::sum);
            if (!state.armed) {
                return null;
            }
            boolean fail = false;
            PublishFailure publishFailure = null;
            TreeMap<Long, PublishFailure> planned = state.planned.get(kind);
            if (planned != null && planned.containsKey(call)) {
                fail = true;
                publishFailure = planned.remove(call);
            }
            Double probability = state.probabilities.get(kind);
            if (state.random != null && probability != null && state.random.nextDouble() < probability) {
                fail = true;
            }
            if (!fail) {
                return null;
            }
            if (kind == Kind.PUBLISH && publishFailure == null) {
                publishFailure = state.random == null
                        ? PublishFailure.NOT_PUBLISHED
                        : state.publishFailures.get(state.random.nextInt(state.publishFailures.size()));
            }
            String message = String.format("Injected failure #%d: %s %s (call %d of kind %s)", state.injected.size() + 1, operation, path, call, kind);
            state.injected.add(message);
            return new Decision(message, publishFailure);
        }
    }

    private record Decision(String message, PublishFailure publishFailure) {}

    /** The mutable part, guarded by itself. */
    private static final class State implements Serializable {
        private static final long serialVersionUID = 1L;

        private final Map<Kind, Long> calls = new EnumMap<>(Kind.class);
        private final Map<Kind, TreeMap<Long, PublishFailure>> planned = new EnumMap<>(Kind.class);
        private final List<String> injected = new ArrayList<>();
        private Random random;
        private EnumMap<Kind, Double> probabilities = new EnumMap<>(Kind.class);
        private List<PublishFailure> publishFailures = List.of(PublishFailure.values());
        private boolean armed = true;
    }

    private final class FailingInputStream extends SeekableInputStream {
        private final SeekableInputStream in;
        private final Path path;

        FailingInputStream(SeekableInputStream in, Path path) {
            this.in = in;
            this.path = path;
        }

        @Override
        public int read() throws IOException {
            maybeFail(Kind.READ, "read", path);
            return in.read();
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            maybeFail(Kind.READ, "read", path);
            return in.read(bytes, offset, length);
        }

        @Override
        public void readFully(long position, byte[] bytes, int offset, int length) throws IOException {
            maybeFail(Kind.READ, "readFully", path);
            in.readFully(position, bytes, offset, length);
        }

        @Override
        public void seek(long position) throws IOException {
            in.seek(position);
        }

        @Override
        public long getPos() throws IOException {
            return in.getPos();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Fails writes and closes; a failed close still closes the real stream, so the file may be left complete. */
    private final class FailingOutputStream extends PositionOutputStream {
        private final PositionOutputStream out;
        private final Path path;
        private boolean closed;

        FailingOutputStream(PositionOutputStream out, Path path) {
            this.out = out;
            this.path = path;
        }

        @Override
        public void write(int b) throws IOException {
            maybeFail(Kind.WRITE, "write", path);
            out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            maybeFail(Kind.WRITE, "write", path);
            out.write(bytes, offset, length);
        }

        @Override
        public long getPos() throws IOException {
            return out.getPos();
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                maybeFail(Kind.WRITE, "close", path);
            } finally {
                out.close();
            }
        }
    }
}
