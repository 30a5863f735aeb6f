package io.tstore.flink;

import static io.tstore.flink.FlinkSqlTestSupport.batch;
import static io.tstore.flink.FlinkSqlTestSupport.table;
import static io.tstore.core.types.DataTypes.FIELD;
import static org.assertj.core.api.Assertions.assertThat;

import io.tstore.core.types.DataField;
import io.tstore.core.types.DataType;
import io.tstore.core.types.DataTypes;

import org.apache.flink.table.api.TableEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Every type of the table format converts to Flink and back unchanged, and CREATE TABLE stores what SQL says. */
class FlinkTypesTest {

    /** Every type of the table format, with non-default parameters, nested in every way. */
    static List<DataType> allTypes(boolean withDescriptions) {
        List<DataType> atomic = List.of(
                DataTypes.BOOLEAN(), DataTypes.TINYINT(), DataTypes.SMALLINT(), DataTypes.INT(), DataTypes.BIGINT(),
                DataTypes.FLOAT(), DataTypes.DOUBLE(), DataTypes.DECIMAL(10, 2), DataTypes.DECIMAL(38, 18),
                DataTypes.CHAR(3), DataTypes.VARCHAR(20), DataTypes.STRING(), DataTypes.BINARY(4),
                DataTypes.VARBINARY(9), DataTypes.BYTES(), DataTypes.DATE(), DataTypes.TIME(), DataTypes.TIME(3),
                DataTypes.TIMESTAMP(), DataTypes.TIMESTAMP(0), DataTypes.TIMESTAMP(9), DataTypes.TIMESTAMP_LTZ(),
                DataTypes.TIMESTAMP_LTZ(3));
        List<DataType> all = new ArrayList<>();
        for (DataType type : atomic) {
            all.add(type);
            all.add(type.notNull());
        }
        all.add(DataTypes.ARRAY(DataTypes.INT().notNull()));
        all.add(DataTypes.ARRAY(DataTypes.ARRAY(DataTypes.STRING())).notNull());
        all.add(DataTypes.MAP(DataTypes.STRING().notNull(), DataTypes.DECIMAL(5, 1)));
        all.add(DataTypes.MAP(DataTypes.INT().notNull(), DataTypes.ARRAY(DataTypes.TIMESTAMP(3))).notNull());
        all.add(DataTypes.ROW());
        all.add(DataTypes.ROW(FIELD(0, "x", DataTypes.DOUBLE(), withDescriptions ? "the x" : null), FIELD(1, "y", DataTypes.DOUBLE().notNull())));
        all.add(DataTypes.ROW(FIELD(0, "inner", DataTypes.ROW(FIELD(0, "m", DataTypes.MAP(DataTypes.STRING().notNull(), DataTypes.INT())))),
                FIELD(1, "list", DataTypes.ARRAY(DataTypes.ROW(FIELD(0, "a", DataTypes.DATE()))))).notNull());
        return all;
    }

    @Test
    void everyTypeRoundTrips() {
        for (DataType type : allTypes(true)) {
            assertThat(FlinkTypes.toCore(FlinkTypes.toFlink(type))).as("%s", type).isEqualTo(type);
        }
    }

    @Test
    void sqlTypesBecomeTheSameTableTypes(@TempDir Path warehouse) throws Exception {
        TableEnvironment tEnv = batch(warehouse);
        // Flink's DDL parser drops comments of nested row fields, so these types have none.
        List<DataType> types = allTypes(false);
        StringBuilder ddl = new StringBuilder("CREATE TABLE t (");
        for (int i = 0; i < types.size(); i++) {
            // Flink prints types in SQL; the table format must parse back exactly the type it converted.
            String sqlType = FlinkTypes.toFlink(types.get(i)).asSerializableString();
            ddl.append(i == 0 ? "" : ", ").append("c").append(i).append(' ').append(sqlType);
        }
        tEnv.executeSql(ddl.append(")").toString());

        List<DataField> fields = table(warehouse, "default", "t").schema().fields();
        assertThat(fields).hasSize(types.size());
        for (int i = 0; i < types.size(); i++) {
            DataType stored = fields.get(i).type();
            // Nested row fields are numbered by the table; compare through Flink, which has no field ids.
            assertThat(FlinkTypes.toFlink(stored)).as("column c%d", i).isEqualTo(FlinkTypes.toFlink(types.get(i)));
        }
    }
}
