package io.tstore.spark.extensions;

import io.tstore.spark.procedures.Procedure;
import io.tstore.spark.procedures.ProcedureArguments;
import io.tstore.spark.procedures.Procedures;

import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.NamedArgumentExpression;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.parser.ParserInterface;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;
import org.apache.spark.unsafe.types.UTF8String;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * Spark's SQL parser plus {@code CALL [catalog.]system.<procedure>(args)}: arguments by position
 * ({@code CALL tstore.system.create_tag('db.t', 'v1')}) or by name ({@code tag => 'v1'}), each a constant. The call
 * is parsed by Spark's own expression parser as a function call, and its arguments evaluated as Spark evaluates
 * constants; every other statement goes to Spark's parser unchanged.
 */
public final class CallParser implements ParserInterface {
    private static final Pattern CALL = Pattern.compile("(?is)^\\s*CALL\\s+(.+?)[\\s;]*$");

    private final ParserInterface delegate;

    public CallParser(ParserInterface delegate) {
        this.delegate = delegate;
    }

    @Override
    public LogicalPlan parsePlan(String sqlText) throws ParseException {
        Matcher call = CALL.matcher(sqlText);
        if (!call.matches()) {
            return delegate.parsePlan(sqlText);
        }
        return parseCall(call.group(1));
    }

    private LogicalPlan parseCall(String text) throws ParseException {
        Expression parsed = delegate.parseExpression(text);
        if (!(parsed instanceof UnresolvedFunction function)) {
            throw new IllegalArgumentException("CALL takes a procedure and its arguments, as "
                    + "CALL tstore.system.<procedure>(arguments); got: " + text);
        }
        List<String> name = JavaConverters.seqAsJavaList(function.nameParts());
        String catalog;
        if (name.size() == 3) {
            catalog = name.get(0);
        } else if (name.size() == 2) {
            catalog = null; // the current catalog
        } else {
            throw new IllegalArgumentException("CALL names a procedure as [catalog.]" + Procedure.NAMESPACE
                    + ".<procedure>, got " + String.join(".", name));
        }
        if (!name.get(name.size() - 2).equalsIgnoreCase(Procedure.NAMESPACE)) {
            throw new IllegalArgumentException("Procedures are in namespace '" + Procedure.NAMESPACE + "', not '"
                    + name.get(name.size() - 2) + "': CALL tstore." + Procedure.NAMESPACE + "." + name.get(name.size() - 1));
        }
        Procedure procedure = Procedures.get(name.get(name.size() - 1));
        List<Object> positional = new ArrayList<>();
        Map<String, Object> named = new LinkedHashMap<>();
        for (Expression argument : JavaConverters.seqAsJavaList(function.arguments())) {
            if (argument instanceof NamedArgumentExpression namedArgument) {
                if (named.containsKey(namedArgument.key())) {
                    throw new IllegalArgumentException("Procedure " + procedure.fullName() + ": argument '"
                            + namedArgument.key() + "' is given twice");
                }
                named.put(namedArgument.key(), value(procedure, namedArgument.key(), namedArgument.value()));
            } else if (!named.isEmpty()) {
                throw new IllegalArgumentException("Procedure " + procedure.fullName() + ": a positional argument ("
                        + argument.sql() + ") after named ones");
            } else {
                positional.add(value(procedure, "#" + (positional.size() + 1), argument));
            }
        }
        return new CallCommand(new CallCommand.Call(catalog, procedure,
                ProcedureArguments.bind(procedure, positional, named)));
    }

    /** The Java value of a constant argument, as {@link ProcedureArguments} takes it. */
    private static Object value(Procedure procedure, String argument, Expression expression) {
        if (!expression.foldable()) {
            throw new IllegalArgumentException("Procedure " + procedure.fullName() + ": argument " + argument
                    + " must be a constant, got " + expression.sql());
        }
        Object value = expression.eval(null);
        if (value == null) {
            return null;
        }
        DataType type = expression.dataType();
        if (value instanceof UTF8String text) {
            return text.toString();
        }
        if (type instanceof TimestampType) {
            return Instant.EPOCH.plus((Long) value, ChronoUnit.MICROS);
        }
        if (type instanceof TimestampNTZType) {
            LocalDateTime local = LocalDateTime.ofEpochSecond(0, 0, ZoneOffset.UTC).plus((Long) value, ChronoUnit.MICROS);
            return local.atZone(ZoneId.systemDefault()).toInstant();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value;
        }
        throw new IllegalArgumentException("Procedure " + procedure.fullName() + ": argument " + argument
                + " has a type procedures do not take: " + expression.sql() + " (" + type.simpleString() + ")");
    }

    @Override
    public Expression parseExpression(String sqlText) throws ParseException {
        return delegate.parseExpression(sqlText);
    }

    @Override
    public TableIdentifier parseTableIdentifier(String sqlText) throws ParseException {
        return delegate.parseTableIdentifier(sqlText);
    }

    @Override
    public FunctionIdentifier parseFunctionIdentifier(String sqlText) throws ParseException {
        return delegate.parseFunctionIdentifier(sqlText);
    }

    @Override
    public Seq<String> parseMultipartIdentifier(String sqlText) throws ParseException {
        return delegate.parseMultipartIdentifier(sqlText);
    }

    @Override
    public LogicalPlan parseQuery(String sqlText) throws ParseException {
        return delegate.parseQuery(sqlText);
    }

    @Override
    public StructType parseTableSchema(String sqlText) throws ParseException {
        return delegate.parseTableSchema(sqlText);
    }

    @Override
    public DataType parseDataType(String sqlText) throws ParseException {
        return delegate.parseDataType(sqlText);
    }
}
