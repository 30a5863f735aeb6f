package io.tstore.trino;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Wraps what Trino calls into so that every call runs with the plugin's class loader as the thread's context
 * loader: the core's libraries (Hadoop's file systems, ORC, Parquet, Jackson) find their classes and service files
 * through it, and Trino's threads carry the engine's loader otherwise. Objects that such a call returns and that
 * Trino calls again (page sources, page sinks, split sources) are wrapped too.
 *
 * <p>A dynamic proxy rather than one hand-written class per SPI interface (Trino's own {@code ClassLoaderSafe*}
 * classes live in trino-plugin-toolkit, which brings Guava and Airlift into the plugin): every method, default
 * ones included, goes through the same few lines.
 */
final class ClassLoaderSafe {
    private static final Set<Class<?>> WRAPPED_RESULTS = Set.of(
            io.trino.spi.connector.ConnectorPageSource.class,
            io.trino.spi.connector.ConnectorPageSink.class,
            io.trino.spi.connector.ConnectorMergeSink.class,
            io.trino.spi.connector.ConnectorSplitSource.class,
            io.trino.spi.connector.BucketFunction.class);

    private ClassLoaderSafe() {}

    /** {@code delegate} behind {@code type}, every call made with {@code loader} as the context class loader. */
    static <T> T wrap(Class<T> type, T delegate, ClassLoader loader) {
        requireNonNull(type, "type is null");
        requireNonNull(delegate, "delegate is null");
        requireNonNull(loader, "loader is null");
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                switch (method.getName()) {
                    case "equals":
                        return proxy == args[0];
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    case "toString":
                        return "ClassLoaderSafe[" + delegate + "]";
                    default:
                        break;
                }
            }
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                Object result = method.invoke(delegate, args);
                Class<?> returned = method.getReturnType();
                if (result != null && WRAPPED_RESULTS.contains(returned)) {
                    return wrapUnchecked(returned, result, loader);
                }
                return result;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                thread.setContextClassLoader(previous);
            }
        };
        return type.cast(Proxy.newProxyInstance(loader, new Class<?>[] {type}, handler));
    }

    @SuppressWarnings("unchecked")
    private static <T> Object wrapUnchecked(Class<T> type, Object delegate, ClassLoader loader) {
        return wrap(type, (T) delegate, loader);
    }

    /** Runs {@code action} with {@code loader} as the context class loader (for calls that return nothing to wrap). */
    static AutoCloseableLoader withLoader(ClassLoader loader) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        return () -> thread.setContextClassLoader(previous);
    }

    /** Restores the previous context class loader on close. */
    interface AutoCloseableLoader extends AutoCloseable {
        @Override
        void close();
    }
}
