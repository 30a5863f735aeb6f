package io.tstore.core.types;

/**
 * The kind of a logical type, without its parameters (length, precision, element type) or nullability.
 * Code that only needs the kind can switch on this instead of testing classes.
 */
public enum DataTypeRoot {
    BOOLEAN,
    TINYINT,
    SMALLINT,
    INT,
    BIGINT,
    FLOAT,
    DOUBLE,
    DECIMAL,
    CHAR,
    VARCHAR,
    BINARY,
    VARBINARY,
    DATE,
    TIME,
    TIMESTAMP,
    /** TIMESTAMP WITH LOCAL TIME ZONE: an instant, shown in the session's time zone. */
    TIMESTAMP_LTZ,
    ARRAY,
    MAP,
    ROW;

    /** ARRAY, MAP and ROW hold other types; every other root is atomic. */
    public boolean isNested() {
        return this == ARRAY || this == MAP || this == ROW;
    }
}
