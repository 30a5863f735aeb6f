package io.tstore.spark.extensions;

import io.tstore.core.catalog.Catalog;
import io.tstore.spark.SparkCatalog;
import io.tstore.spark.procedures.Procedure;
import io.tstore.spark.procedures.ProcedureArguments;
import io.tstore.spark.procedures.ProcedureParameter;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.AttributeSet;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Statistics;
import org.apache.spark.sql.catalyst.plans.logical.Statistics$;
import org.apache.spark.sql.catalyst.trees.LeafLike;
import org.apache.spark.sql.catalyst.types.DataTypeUtils;
import org.apache.spark.sql.connector.catalog.CatalogManager;
import org.apache.spark.sql.connector.catalog.CatalogPlugin;
import org.apache.spark.sql.execution.command.LeafRunnableCommand;
import org.apache.spark.sql.execution.command.RunnableCommand;
import org.apache.spark.sql.execution.metric.SQLMetric;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import scala.Enumeration;
import scala.Function1;
import scala.collection.IndexedSeq;
import scala.collection.JavaConverters;
import scala.collection.Seq;
import scala.collection.immutable.Map;

import static java.util.Objects.requireNonNull;

/**
 * The plan of a {@code CALL}: a leaf command that Spark runs eagerly, once, on the driver, returning the
 * procedure's result rows. (Written against Spark's command traits as Scala compiles them, since the connector has
 * no Scala sources.)
 */
public final class CallCommand extends LogicalPlan implements LeafRunnableCommand {
    private static final long serialVersionUID = 1L;

    /** What is called: the catalog (null: the current one), the procedure and its bound arguments. */
    public record Call(String catalog, Procedure procedure, ProcedureArguments arguments) {
        public Call {
            requireNonNull(procedure, "procedure is null");
            requireNonNull(arguments, "arguments is null");
        }
    }

    private static final Seq<LogicalPlan> NO_CHILDREN = JavaConverters.asScalaBuffer(new ArrayList<LogicalPlan>()).toSeq();

    private final Call call;
    private final Seq<Attribute> output;
    private Seq<Enumeration.Value> nodePatterns;

    /** The one constructor, with the one product element, as Spark's tree copying expects. */
    public CallCommand(Call call) {
        this.call = requireNonNull(call, "call is null");
        List<StructField> fields = new ArrayList<>();
        for (ProcedureParameter column : call.procedure().result()) {
            fields.add(DataTypes.createStructField(column.name(),
                    column.type() == ProcedureParameter.Type.LONG ? DataTypes.LongType : DataTypes.StringType,
                    !column.required()));
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        Seq<Attribute> attributes = (Seq) DataTypeUtils.toAttributes(DataTypes.createStructType(fields));
        this.output = attributes;
        LeafLike.$init$(this);
        Command.$init$(this);
        RunnableCommand.$init$(this);
    }

    @Override
    public Seq<Row> run(SparkSession session) {
        CatalogManager catalogs = session.sessionState().catalogManager();
        CatalogPlugin plugin = call.catalog() == null ? catalogs.currentCatalog() : catalogs.catalog(call.catalog());
        if (!(plugin instanceof SparkCatalog catalog)) {
            throw new IllegalArgumentException("Procedure " + call.procedure().fullName() + " runs in a tstore catalog; "
                    + "catalog " + plugin.name() + " is not one (its class is " + plugin.getClass().getName() + ")");
        }
        Catalog core = catalog.coreCatalog();
        List<Row> rows = new ArrayList<>();
        try {
            for (Object[] values : call.procedure().call(core, call.arguments())) {
                rows.add(RowFactory.create(values));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Procedure " + call.procedure().fullName() + " failed", e);
        }
        return JavaConverters.asScalaBuffer(rows).toSeq();
    }

    @Override
    public Seq<Attribute> output() {
        return output;
    }

    @Override
    public Seq<LogicalPlan> children() {
        return NO_CHILDREN;
    }

    @Override
    public LogicalPlan mapChildren(Function1<LogicalPlan, LogicalPlan> f) {
        return this; // a leaf
    }

    @Override
    public LogicalPlan withNewChildrenInternal(IndexedSeq<LogicalPlan> newChildren) {
        return this; // a leaf
    }

    @Override
    public AttributeSet producedAttributes() {
        return outputSet(); // as Command: the output is produced here
    }

    @Override
    public Statistics stats() {
        return Statistics$.MODULE$.DUMMY(); // as Command
    }

    @Override
    public Map<String, SQLMetric> metrics() {
        return scala.collection.immutable.Map$.MODULE$.empty();
    }

    @Override
    public Seq<Enumeration.Value> nodePatterns() {
        return nodePatterns;
    }

    @Override
    public void org$apache$spark$sql$catalyst$plans$logical$Command$_setter_$nodePatterns_$eq(Seq<Enumeration.Value> patterns) {
        this.nodePatterns = patterns;
    }

    @Override
    public String simpleString(int maxFields) {
        return "CallTStoreProcedure " + call.procedure().fullName();
    }

    @Override
    public int productArity() {
        return 1;
    }

    @Override
    public Object productElement(int n) {
        if (n != 0) {
            throw new IndexOutOfBoundsException(String.valueOf(n));
        }
        return call;
    }

    @Override
    public boolean canEqual(Object that) {
        return that instanceof CallCommand;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CallCommand other && other.call.equals(call);
    }

    @Override
    public int hashCode() {
        return call.hashCode();
    }
}
