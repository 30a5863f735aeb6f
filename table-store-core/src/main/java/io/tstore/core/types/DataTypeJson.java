package io.tstore.core.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * The JSON form of types in schema files. Atomic types are their SQL string ({@code "DECIMAL(10, 2) NOT NULL"});
 * nested types are objects, so that the field ids of nested rows are kept:
 *
 * <pre>
 * {"type": "ARRAY NOT NULL", "element": ...}
 * {"type": "MAP", "key": ..., "value": ...}
 * {"type": "ROW", "fields": [{"id": 0, "name": "a", "type": ..., "description": "..."}]}
 * </pre>
 *
 * A field without a description has no "description" member. Reading also accepts a nested type written as a
 * SQL string, whose rows then number their fields 0, 1, 2...
 */
public final class DataTypeJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DataTypeJson() {}

    public static JsonNode toJson(DataType type) {
        requireNonNull(type, "type is null");
        String nullability = type.isNullable() ? "" : " NOT NULL";
        switch (type.root()) {
            case ARRAY: {
                ObjectNode node = NODES.objectNode();
                node.put("type", "ARRAY" + nullability);
                node.set("element", toJson(((ArrayType) type).elementType()));
                return node;
            }
            case MAP: {
                MapType map = (MapType) type;
                ObjectNode node = NODES.objectNode();
                node.put("type", "MAP" + nullability);
                node.set("key", toJson(map.keyType()));
                node.set("value", toJson(map.valueType()));
                return node;
            }
            case ROW: {
                ObjectNode node = NODES.objectNode();
                node.put("type", "ROW" + nullability);
                ArrayNode fields = node.putArray("fields");
                for (DataField field : ((RowType) type).fields()) {
                    fields.add(fieldToJson(field));
                }
                return node;
            }
            default:
                return TextNode.valueOf(type.asSqlString());
        }
    }

    public static JsonNode fieldToJson(DataField field) {
        requireNonNull(field, "field is null");
        ObjectNode node = NODES.objectNode();
        node.put("id", field.id());
        node.put("name", field.name());
        node.set("type", toJson(field.type()));
        if (field.description() != null) {
            node.put("description", field.description());
        }
        return node;
    }

    public static DataType fromJson(JsonNode json) {
        requireNonNull(json, "json is null");
        if (json.isTextual()) {
            try {
                return DataTypes.parse(json.textValue());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid data type JSON " + json + ": " + e.getMessage(), e);
            }
        }
        if (!json.isObject()) {
            throw new IllegalArgumentException(
                    "Invalid data type JSON " + json + ": expected a SQL type string or an object with a \"type\"");
        }
        String typeText = requireText(json, "type");
        String[] words = typeText.trim().split("\\s+");
        String kind = words[0].toUpperCase(Locale.ROOT);
        boolean nullable = parseNullability(json, typeText, words);
        switch (kind) {
            case "ARRAY":
                return new ArrayType(nullable, fromJson(require(json, "element")));
            case "MAP":
                return new MapType(nullable, fromJson(require(json, "key")), fromJson(require(json, "value")));
            case "ROW": {
                JsonNode fieldsNode = require(json, "fields");
                if (!fieldsNode.isArray()) {
                    throw new IllegalArgumentException("Invalid data type JSON " + json + ": \"fields\" must be an array");
                }
                List<DataField> fields = new ArrayList<>();
                for (JsonNode fieldNode : fieldsNode) {
                    fields.add(fieldFromJson(fieldNode));
                }
                try {
                    return new RowType(nullable, fields);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("Invalid data type JSON " + json + ": " + e.getMessage(), e);
                }
            }
            default:
                throw new IllegalArgumentException("Invalid data type JSON " + json
                        + ": an object must have type ARRAY, MAP or ROW, but has '" + typeText + "'");
        }
    }

    public static DataField fieldFromJson(JsonNode json) {
        requireNonNull(json, "json is null");
        if (!json.isObject()) {
            throw new IllegalArgumentException("Invalid field JSON " + json + ": expected an object");
        }
        JsonNode id = require(json, "id");
        if (!id.canConvertToInt() || !id.isIntegralNumber()) {
            throw new IllegalArgumentException("Invalid field JSON " + json + ": \"id\" must be an integer");
        }
        String name = requireText(json, "name");
        DataType type = fromJson(require(json, "type"));
        JsonNode description = json.get("description");
        if (description != null && !description.isNull() && !description.isTextual()) {
            throw new IllegalArgumentException("Invalid field JSON " + json + ": \"description\" must be a string");
        }
        try {
            return new DataField(id.intValue(), name, type, description == null ? null : description.textValue());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid field JSON " + json + ": " + e.getMessage(), e);
        }
    }

    private static boolean parseNullability(JsonNode json, String typeText, String[] words) {
        if (words.length == 1) {
            return true;
        }
        if (words.length == 2 && words[1].equalsIgnoreCase("NULL")) {
            return true;
        }
        if (words.length == 3 && words[1].equalsIgnoreCase("NOT") && words[2].equalsIgnoreCase("NULL")) {
            return false;
        }
        throw new IllegalArgumentException("Invalid data type JSON " + json + ": type '" + typeText
                + "' must be ARRAY, MAP or ROW, optionally followed by NOT NULL");
    }

    private static JsonNode require(JsonNode json, String member) {
        JsonNode value = json.get(member);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("Invalid data type JSON " + json + ": missing \"" + member + "\"");
        }
        return value;
    }

    private static String requireText(JsonNode json, String member) {
        JsonNode value = require(json, member);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("Invalid data type JSON " + json + ": \"" + member + "\" must be a string");
        }
        return value.textValue();
    }
}
