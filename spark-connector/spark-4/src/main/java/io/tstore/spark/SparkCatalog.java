package io.tstore.spark;

import io.tstore.spark.procedures.Procedure;
import io.tstore.spark.procedures.Procedures;
import io.tstore.spark.procedures.SparkProcedure;

import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.ProcedureCatalog;
import org.apache.spark.sql.connector.catalog.procedures.UnboundProcedure;

import java.util.Arrays;
import java.util.Locale;

/**
 * The tstore catalog of Spark 4 ({@link SparkCatalogBase}), with the maintenance procedures as Spark's own
 * procedures: {@code CALL tstore.system.compact('db.t')} needs no session extension.
 */
public class SparkCatalog extends SparkCatalogBase implements ProcedureCatalog {

    @Override
    public UnboundProcedure loadProcedure(Identifier ident) {
        if (ident.namespace().length != 1 || !ident.namespace()[0].equalsIgnoreCase(Procedure.NAMESPACE)) {
            throw new IllegalArgumentException("There is no procedure " + String.join(".", ident.namespace()) + "."
                    + ident.name() + " in catalog " + name() + "; its procedures are in " + Procedure.NAMESPACE + ": "
                    + Procedures.all().stream().map(Procedure::name).toList());
        }
        return new SparkProcedure(Procedures.get(ident.name()), this::coreCatalog);
    }

    @Override
    public Identifier[] listProcedures(String[] namespace) {
        if (namespace.length != 1 || !namespace[0].toLowerCase(Locale.ROOT).equals(Procedure.NAMESPACE)) {
            return new Identifier[0];
        }
        return Procedures.all().stream()
                .map(procedure -> Identifier.of(Arrays.copyOf(namespace, 1), procedure.name()))
                .toArray(Identifier[]::new);
    }
}
