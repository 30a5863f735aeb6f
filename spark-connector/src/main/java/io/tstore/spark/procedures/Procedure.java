package io.tstore.spark.procedures;

import io.tstore.core.catalog.Catalog;

import java.io.IOException;
import java.util.List;

/**
 * A maintenance procedure of a tstore catalog, independent of the engine that calls it: typed parameters, a call
 * on the core catalog, and result rows of typed columns. Spark 3.5 calls them through the optional session
 * extension's {@code CALL}; an engine with procedures of its own (Spark 4's {@code ProcedureCatalog}) can expose
 * the same list ({@link Procedures#all()}).
 */
public interface Procedure {
    /** The namespace of the procedures in a catalog: {@code CALL tstore.system.compact(...)}. */
    String NAMESPACE = "system";

    /** The name, such as {@code compact}. */
    String name();

    /** {@code system.<name>}, for errors. */
    default String fullName() {
        return NAMESPACE + "." + name();
    }

    /** What it does, for the engine's catalog. */
    String description();

    /** The parameters, in positional order; required ones first. */
    List<ProcedureParameter> parameters();

    /** The columns of the result rows. */
    List<ProcedureParameter> result();

    /**
     * Runs the procedure against the catalog.
     *
     * @return the result rows, each with a value per {@link #result()} column ({@code String}, {@code Long})
     */
    List<Object[]> call(Catalog catalog, ProcedureArguments arguments) throws IOException;
}
