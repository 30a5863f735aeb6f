package io.tstore.core.fs;

import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * Makes the {@link FileIO} of the paths of some URI schemes. Found with {@link ServiceLoader}
 * ({@code META-INF/services/io.tstore.core.fs.FileIOFactory}), so that an object store's file IO, or an engine's
 * own file system, plugs in without a change to {@link FileIO#get}: a path whose scheme a factory serves gets that
 * factory's file IO; local paths get {@link LocalFileIO}; any other scheme goes to Hadoop ({@link HadoopFileIO}).
 */
public interface FileIOFactory {

    /** The URI schemes this factory serves, in lower case, e.g. {@code s3} and {@code s3a}. */
    Set<String> schemes();

    /**
     * Which factory wins when two on the class path serve one scheme: the higher. The default is 0; a connector
     * that brings its engine's file system for a scheme can give it a higher priority.
     */
    default int priority() {
        return 0;
    }

    /** The file IO of a warehouse or table path of one of {@link #schemes()}, configured by catalog options. */
    FileIO create(Path warehouseOrTablePath, Map<String, String> options);

    /** The factory serving a scheme among those on this interface's class path, or null. */
    static FileIOFactory forScheme(String scheme) {
        String wanted = scheme.toLowerCase(Locale.ROOT);
        FileIOFactory chosen = null;
        for (FileIOFactory factory : ServiceLoader.load(FileIOFactory.class, FileIOFactory.class.getClassLoader())) {
            if (factory.schemes().contains(wanted) && (chosen == null || factory.priority() > chosen.priority())) {
                chosen = factory;
            }
        }
        return chosen;
    }
}
