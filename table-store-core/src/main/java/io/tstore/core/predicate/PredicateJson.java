package io.tstore.core.predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tstore.core.data.BinaryString;
import io.tstore.core.data.Decimal;
import io.tstore.core.data.Timestamp;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DataTypeJson;
import io.tstore.core.types.DecimalType;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The JSON form of a {@link Predicate}, for engines whose handles are JSON (Trino). Every literal keeps its exact
 * value: integers, dates and times as numbers; floating point as numbers, or the strings {@code "NaN"},
 * {@code "Infinity"}, {@code "-Infinity"}; decimals as plain decimal strings; strings as text; binary as Base64;
 * timestamps as {@code {"millisecond": m, "nanoOfMillisecond": n}}; a null in an IN list as null.
 *
 * <p>Version 1:
 * <pre>{@code
 * {"version": 1, "predicate": <node>}
 * <node> = {"function": "EQUAL" | ... | "IS_NOT_NULL", "index": 0, "field": "id", "type": <type JSON>, "literals": [...]}
 *        | {"kind": "AND" | "OR", "children": [<node>, <node>, ...]}
 * }</pre>
 * Reading builds each leaf through its constructor, which checks the literals against the function.
 */
public final class PredicateJson {
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private PredicateJson() {}

    /** The JSON text of a predicate, with its version. */
    public static String toJson(Predicate predicate) {
        ObjectNode root = NODES.objectNode();
        root.put("version", VERSION);
        root.set("predicate", toNode(predicate));
        return root.toString();
    }

    /** A predicate from {@link #toJson}; fails with an {@link IllegalArgumentException} that says what is wrong. */
    public static Predicate fromJson(String json) {
        requireNonNull(json, "json is null");
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("Not a predicate (invalid JSON): " + e.getMessage(), e);
        }
        return fromVersionedNode(root);
    }

    /** The versioned node of a predicate, for embedding in another JSON document. */
    public static JsonNode toVersionedNode(Predicate predicate) {
        ObjectNode root = NODES.objectNode();
        root.put("version", VERSION);
        root.set("predicate", toNode(predicate));
        return root;
    }

    /** A predicate from a node written by {@link #toVersionedNode}. */
    public static Predicate fromVersionedNode(JsonNode root) {
        requireNonNull(root, "root is null");
        JsonNode version = root.path("version");
        if (!version.canConvertToInt() || version.asInt() != VERSION) {
            throw new IllegalArgumentException("Cannot read a predicate of version " + version
                    + "; this version reads version " + VERSION);
        }
        if (!root.hasNonNull("predicate")) {
            throw new IllegalArgumentException("Predicate JSON has no 'predicate': " + root);
        }
        return fromNode(root.get("predicate"));
    }

    private static JsonNode toNode(Predicate predicate) {
        requireNonNull(predicate, "predicate is null");
        if (predicate instanceof CompoundPredicate compound) {
            ObjectNode node = NODES.objectNode();
            node.put("kind", compound.kind().name());
            ArrayNode children = node.putArray("children");
            for (Predicate child : compound.children()) {
                children.add(toNode(child));
            }
            return node;
        }
        LeafPredicate leaf = (LeafPredicate) predicate;
        ObjectNode node = NODES.objectNode();
        node.put("function", leaf.function().name());
        node.put("index", leaf.index());
        node.put("field", leaf.fieldName());
        node.set("type", DataTypeJson.toJson(leaf.type()));
        ArrayNode literals = node.putArray("literals");
        for (Object literal : leaf.literals()) {
            literals.add(literal == null ? NODES.nullNode() : literalToNode(leaf.fieldName(), leaf.type(), literal));
        }
        return node;
    }

    private static Predicate fromNode(JsonNode node) {
        if (node.has("kind")) {
            CompoundPredicate.Kind kind;
            try {
                kind = CompoundPredicate.Kind.valueOf(node.get("kind").asText());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Unknown predicate kind " + node.get("kind") + "; known are AND and OR");
            }
            JsonNode children = node.path("children");
            if (!children.isArray()) {
                throw new IllegalArgumentException("Predicate " + kind + " has no 'children' array: " + node);
            }
            List<Predicate> list = new ArrayList<>();
            for (JsonNode child : children) {
                list.add(fromNode(child));
            }
            return new CompoundPredicate(kind, list);
        }
        for (String field : new String[] {"function", "index", "field", "type", "literals"}) {
            if (!node.has(field)) {
                throw new IllegalArgumentException("Predicate leaf has no '" + field + "': " + node);
            }
        }
        LeafFunction function;
        try {
            function = LeafFunction.valueOf(node.get("function").asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown predicate function " + node.get("function") + " in " + node);
        }
        String fieldName = node.get("field").asText();
        DataType type;
        try {
            type = DataTypeJson.fromJson(node.get("type"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Predicate on field '" + fieldName + "' has an invalid type "
                    + node.get("type") + ": " + e.getMessage(), e);
        }
        List<Object> literals = new ArrayList<>();
        for (JsonNode literal : node.get("literals")) {
            literals.add(literal.isNull() ? null : literalFromNode(fieldName, type, literal));
        }
        return new LeafPredicate(function, node.get("index").asInt(), fieldName, type, literals);
    }

    private static JsonNode literalToNode(String field, DataType type, Object literal) {
        switch (type.root()) {
            case BOOLEAN:
                return NODES.booleanNode((Boolean) literal);
            case TINYINT:
            case SMALLINT:
            case INT:
            case DATE:
            case TIME:
            case BIGINT:
                return NODES.numberNode(((Number) literal).longValue());
            case FLOAT: {
                float value = (Float) literal;
                return Float.isFinite(value) ? NODES.numberNode(value) : NODES.textNode(Float.toString(value));
            }
            case DOUBLE: {
                double value = (Double) literal;
                return Double.isFinite(value) ? NODES.numberNode(value) : NODES.textNode(Double.toString(value));
            }
            case DECIMAL:
                return NODES.textNode(((Decimal) literal).toBigDecimal().toPlainString());
            case CHAR:
            case VARCHAR:
                return NODES.textNode(literal.toString());
            case BINARY:
            case VARBINARY:
                return NODES.textNode(Base64.getEncoder().encodeToString((byte[]) literal));
            case TIMESTAMP:
            case TIMESTAMP_LTZ: {
                Timestamp timestamp = (Timestamp) literal;
                ObjectNode node = NODES.objectNode();
                node.put("millisecond", timestamp.millisecond());
                node.put("nanoOfMillisecond", timestamp.nanoOfMillisecond());
                return node;
            }
            default:
                throw new IllegalArgumentException("Cannot write a literal of field '" + field + "' of type " + type
                        + " as JSON: predicates compare values of atomic types only");
        }
    }

    private static Object literalFromNode(String field, DataType type, JsonNode node) {
        try {
            switch (type.root()) {
                case BOOLEAN:
                    check(node.isBoolean());
                    return node.booleanValue();
                case TINYINT:
                    check(node.canConvertToInt());
                    return (byte) node.intValue();
                case SMALLINT:
                    check(node.canConvertToInt());
                    return (short) node.intValue();
                case INT:
                case DATE:
                case TIME:
                    check(node.canConvertToInt());
                    return node.intValue();
                case BIGINT:
                    check(node.canConvertToLong());
                    return node.longValue();
                case FLOAT:
                    check(node.isNumber() || node.isTextual());
                    return node.isNumber() ? node.floatValue() : Float.parseFloat(node.textValue());
                case DOUBLE:
                    check(node.isNumber() || node.isTextual());
                    return node.isNumber() ? node.doubleValue() : Double.parseDouble(node.textValue());
                case DECIMAL: {
                    check(node.isTextual());
                    DecimalType decimal = (DecimalType) type;
                    return Decimal.fromBigDecimal(new BigDecimal(node.textValue()), decimal.precision(), decimal.scale());
                }
                case CHAR:
                case VARCHAR:
                    check(node.isTextual());
                    return BinaryString.fromString(node.textValue());
                case BINARY:
                case VARBINARY:
                    check(node.isTextual());
                    try {
                        return Base64.getDecoder().decode(node.textValue());
                    } catch (IllegalArgumentException e) {
                        throw new BadLiteral();
                    }
                case TIMESTAMP:
                case TIMESTAMP_LTZ:
                    check(node.path("millisecond").canConvertToLong() && node.path("nanoOfMillisecond").canConvertToInt());
                    return Timestamp.fromEpochMillis(node.get("millisecond").longValue(), node.get("nanoOfMillisecond").intValue());
                default:
                    throw new IllegalArgumentException("Predicates on field '" + field + "' of type " + type
                            + " cannot have literals: predicates compare values of atomic types only");
            }
        } catch (BadLiteral | NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("Literal " + node + " is not a value of field '" + field + "' of type " + type);
        }
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new BadLiteral();
        }
    }

    private static final class BadLiteral extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadLiteral() {
            super(null, null, false, false);
        }
    }
}
