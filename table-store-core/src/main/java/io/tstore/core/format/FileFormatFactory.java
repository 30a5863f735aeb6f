package io.tstore.core.format;

import io.tstore.core.options.FileFormatType;

import java.util.EnumMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Makes the {@link FileFormat} of one {@link FileFormatType}. Implementations are found with {@link ServiceLoader}
 * ({@code META-INF/services/io.tstore.core.format.FileFormatFactory}), so that this package knows no format of its
 * own and a shaded connector jar keeps them by merging its service files.
 */
public interface FileFormatFactory {

    FileFormatType type();

    /** The format with this compression: the codec goes to writers; readers learn it from each file. */
    FileFormat create(FileCompression compression);

    /** The factory registered for a type. */
    static FileFormatFactory forType(FileFormatType type) {
        FileFormatFactory factory = Registered.FACTORIES.get(type);
        if (factory == null) {
            throw new IllegalStateException("No file format factory for " + type + " on the class path (found "
                    + Registered.FACTORIES.keySet() + "); is META-INF/services/" + FileFormatFactory.class.getName()
                    + " lost in a shaded jar?");
        }
        return factory;
    }

    /** The factories on the class path of this interface's loader, found once. */
    final class Registered {
        private static final Map<FileFormatType, FileFormatFactory> FACTORIES = load();

        private Registered() {}

        private static Map<FileFormatType, FileFormatFactory> load() {
            Map<FileFormatType, FileFormatFactory> factories = new EnumMap<>(FileFormatType.class);
            for (FileFormatFactory factory : ServiceLoader.load(FileFormatFactory.class, FileFormatFactory.class.getClassLoader())) {
                factories.putIfAbsent(factory.type(), factory);
            }
            return factories;
        }
    }
}
