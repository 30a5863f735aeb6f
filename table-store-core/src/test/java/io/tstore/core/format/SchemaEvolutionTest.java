package io.tstore.core.format;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.Decimal;
import io.tstore.core.data.GenericArray;
import io.tstore.core.data.GenericMap;
import io.tstore.core.data.GenericRow;
import io.tstore.core.data.InternalArray;
import io.tstore.core.data.InternalMap;
import io.tstore.core.fs.LocalFileIO;
import io.tstore.core.fs.Path;
import io.tstore.core.types.RowType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;

import static io.tstore.core.format.FormatTestSupport.assertRowsEqual;
import static io.tstore.core.format.FormatTestSupport.read;
import static io.tstore.core.format.FormatTestSupport.write;
import static io.tstore.core.types.DataTypes.ARRAY;
import static io.tstore.core.types.DataTypes.BIGINT;
import static io.tstore.core.types.DataTypes.CHAR;
import static io.tstore.core.types.DataTypes.DECIMAL;
import static io.tstore.core.types.DataTypes.DOUBLE;
import static io.tstore.core.types.DataTypes.FIELD;
import static io.tstore.core.types.DataTypes.FLOAT;
import static io.tstore.core.types.DataTypes.INT;
import static io.tstore.core.types.DataTypes.MAP;
import static io.tstore.core.types.DataTypes.ROW;
import static io.tstore.core.types.DataTypes.SMALLINT;
import static io.tstore.core.types.DataTypes.STRING;
import static io.tstore.core.types.DataTypes.TINYINT;
import static io.tstore.core.types.DataTypes.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Files written under an old schema read under a new one, columns matched by field id. */
class SchemaEvolutionTest {
    /** The schema the files are written with. */
    private static final RowType V1 = ROW(
            FIELD(0, "id", INT().notNull()),
            FIELD(1, "name", STRING()),
            FIELD(2, "price", FLOAT()),
            FIELD(3, "amount", DECIMAL(10, 2)),
            FIELD(4, "gone", STRING()),
            FIELD(5, "tiny", TINYINT()),
            FIELD(6, "point", ROW(FIELD(10, "x", INT()), FIELD(11, "y", INT()), FIELD(13, "old", STRING()))),
            FIELD(7, "tags", ARRAY(INT())),
            FIELD(8, "attrs", MAP(STRING(), INT())),
            FIELD(9, "code", CHAR(3)),
            FIELD(14, "items", ARRAY(ROW(FIELD(15, "a", SMALLINT()), FIELD(16, "b", STRING())))));

    /**
     * The schema they are read with: fields reordered, 'name' renamed, 'gone' dropped, 'added' added, numbers widened,
     * and inside 'point' (renamed 'location') and the elements of 'items' the same kinds of change.
     */
    private static final RowType V2 = ROW(
            FIELD(20, "added", DOUBLE()),
            FIELD(1, "full_name", STRING()),
            FIELD(0, "id", BIGINT().notNull()),
            FIELD(2, "price", DOUBLE()),
            FIELD(3, "amount", DECIMAL(20, 2)),
            FIELD(5, "tiny", INT()),
            FIELD(6, "location", ROW(FIELD(11, "y", BIGINT()), FIELD(10, "x_renamed", INT()), FIELD(12, "z", STRING()))),
            FIELD(7, "tags", ARRAY(BIGINT())),
            FIELD(8, "attrs", MAP(STRING(), BIGINT())),
            FIELD(9, "code", VARCHAR(10)),
            FIELD(14, "items", ARRAY(ROW(FIELD(16, "b", STRING()), FIELD(15, "a", BIGINT()), FIELD(17, "c", INT())))));

    @TempDir
    java.nio.file.Path tempDir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tstore.core.format.FormatTestSupport#formats")
    void readsOldFilesUnderTheNewSchemaByFieldId(FileFormat format) throws IOException {
        LocalFileIO local = new LocalFileIO();
        Path path = new Path(new Path(tempDir.toString()), "v1." + format.fileExtension());
        List<GenericRow> rows = TestRows.rows(11, V1, 1_500);
        write(format, local, path, V1, rows);

        List<GenericRow> actual = read(format, local, path, V1, V2);

        List<GenericRow> expected = rows.stream().map(SchemaEvolutionTest::toV2).collect(Collectors.toList());
        assertRowsEqual(actual, TestRows.generic(expected, V2), V2);
    }

    /** What a row of V1 is under V2, spelled out field by field. */
    private static GenericRow toV2(GenericRow v1) {
        GenericRow point = (GenericRow) v1.getField(6);
        GenericArray tags = (GenericArray) v1.getField(7);
        InternalMap attrs = (InternalMap) v1.getField(8);
        GenericArray items = (GenericArray) v1.getField(10);
        Decimal amount = (Decimal) v1.getField(3);
        return GenericRow.of(
                null,
                v1.getField(1),
                (long) (int) v1.getField(0),
                v1.getField(2) == null ? null : (double) (float) v1.getField(2),
                amount == null ? null : Decimal.fromBigDecimal(amount.toBigDecimal(), 20, 2),
                v1.getField(5) == null ? null : (int) (byte) v1.getField(5),
                point == null ? null : GenericRow.of(
                        point.getField(1) == null ? null : (long) (int) point.getField(1), point.getField(0), null),
                tags == null ? null : new GenericArray(map(tags, value -> (long) (int) value)),
                attrs == null ? null : new GenericMap(
                        elements(attrs.keyArray()), map((GenericArray) attrs.valueArray(), value -> (long) (int) value)),
                v1.getField(9),
                items == null ? null : new GenericArray(map(items, value -> {
                    GenericRow item = (GenericRow) value;
                    Object a = item.getField(0) == null ? null : (long) (short) item.getField(0);
                    return GenericRow.of(item.getField(1), a, null);
                })));
    }

    private static Object[] map(GenericArray array, java.util.function.Function<Object, Object> function) {
        Object[] result = new Object[array.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = array.get(i) == null ? null : function.apply(array.get(i));
        }
        return result;
    }

    private static Object[] elements(InternalArray array) {
        return map((GenericArray) array, value -> value);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tstore.core.format.FormatTestSupport#formats")
    void readsOnlyAddedColumnsAsNulls(FileFormat format) throws IOException {
        LocalFileIO local = new LocalFileIO();
        Path path = new Path(new Path(tempDir.toString()), "v1." + format.fileExtension());
        write(format, local, path, V1, TestRows.rows(12, V1, 10));
        RowType onlyAdded = ROW(FIELD(20, "added", DOUBLE()), FIELD(21, "more", STRING()));

        assertThat(read(format, local, path, V1, onlyAdded)).hasSize(10).allMatch(row -> row.equals(GenericRow.of(null, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.tstore.core.format.FormatTestSupport#formats")
    void refusesTypeChangesThatAreNotWidening(FileFormat format) throws IOException {
        LocalFileIO local = new LocalFileIO();
        Path path = new Path(new Path(tempDir.toString()), "v1." + format.fileExtension());
        write(format, local, path, V1, TestRows.rows(13, V1, 10));
        RowType narrowed = ROW(FIELD(0, "id", SMALLINT().notNull()));

        assertThatThrownBy(() -> read(format, local, path, V1, narrowed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'id' (id 0)")
                .hasMessageContaining("INT does not widen to SMALLINT");
    }

    @Test
    void matchingTypesNeedNoConversion() {
        SchemaEvolution evolution = SchemaEvolution.of(V1, V1.project(new int[] {6, 0}));

        assertThat(evolution.isIdentity()).isTrue();
        assertThat(evolution.fileReadType().fieldNames()).containsExactly("point", "id");
        GenericRow row = GenericRow.of(null, 1);
        assertThat(evolution.evolve(row)).isSameAs(row);
    }

    @Test
    void renamesAloneNeedNoConversionEitherButAddedFieldsDo() {
        RowType renamed = ROW(FIELD(1, "full_name", STRING()), FIELD(6, "p", ROW(
                FIELD(10, "a", INT()), FIELD(11, "b", INT()), FIELD(13, "c", STRING()))));
        assertThat(SchemaEvolution.of(V1, renamed).isIdentity()).isTrue();

        SchemaEvolution added = SchemaEvolution.of(V1, ROW(FIELD(1, "name", STRING()), FIELD(30, "new", INT())));
        assertThat(added.isIdentity()).isFalse();
        assertThat(added.fileReadType().fieldNames()).containsExactly("name");
        assertThat(added.evolve(GenericRow.of(BinaryString.fromString("a"))))
                .isEqualTo(GenericRow.of(BinaryString.fromString("a"), null));
    }

    @Test
    void errorsNameTheFieldAndTheTypes() {
        assertThatThrownBy(() -> SchemaEvolution.of(V1, ROW(FIELD(1, "name", INT()))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'name' (id 1) as INT")
                .hasMessageContaining("stores it as STRING");
        assertThatThrownBy(() -> SchemaEvolution.of(V1, ROW(FIELD(8, "attrs", MAP(INT(), INT())))))
                .hasMessageContaining("'attrs.key' (id 8)")
                .hasMessageContaining("VARCHAR does not widen to INT");
        RowType intKeys = ROW(FIELD(1, "m", MAP(INT(), INT())));
        assertThatThrownBy(() -> SchemaEvolution.of(intKeys, ROW(FIELD(1, "m", MAP(BIGINT(), INT())))))
                .hasMessageContaining("'m' (id 1)")
                .hasMessageContaining("map keys must keep their type");
        assertThatThrownBy(() -> SchemaEvolution.of(V1, ROW(FIELD(6, "point", ROW(FIELD(10, "x", STRING()))))))
                .hasMessageContaining("'point.x' (id 10)");
        assertThatThrownBy(() -> SchemaEvolution.of(V1, ROW(FIELD(7, "tags", STRING()))))
                .hasMessageContaining("the kinds of type differ");
        assertThatThrownBy(() -> SchemaEvolution.of(V1, ROW(FIELD(40, "required", INT().notNull()))))
                .hasMessageContaining("'required' (id 40)")
                .hasMessageContaining("NOT NULL");
    }
}
