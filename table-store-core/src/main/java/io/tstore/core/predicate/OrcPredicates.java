package io.tstore.core.predicate;

import io.tstore.core.data.BinaryString;
import io.tstore.core.data.Decimal;
import io.tstore.core.data.Timestamp;
import io.tstore.core.types.DataField;
import io.tstore.core.types.DataType;
import io.tstore.core.types.RowType;
import org.apache.hadoop.hive.common.type.HiveDecimal;
import org.apache.hadoop.hive.ql.io.sarg.PredicateLeaf;
import org.apache.hadoop.hive.ql.io.sarg.SearchArgument;
import org.apache.hadoop.hive.ql.io.sarg.SearchArgumentFactory;
import org.apache.hadoop.hive.serde2.io.HiveDecimalWritable;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Translates a predicate into an ORC {@link SearchArgument}, with which an ORC reader skips stripes and row groups
 * (and, with {@code allowSARGToFilter}, rows) whose statistics rule it out. Best effort: what cannot be translated
 * faithfully is left out (a conjunct of an AND is dropped, an OR with such a disjunct is dropped whole), so the
 * search argument selects every row the predicate selects, and the reader must still filter rows.
 *
 * <p>Columns are named as the fields of the file's row type at the leaves' positions (the format writer names
 * ORC columns after the fields); a leaf whose field has another type in the file is left out. Mapped types:
 * <ul>
 *   <li>TINYINT, SMALLINT, INT, BIGINT as LONG;</li>
 *   <li>FLOAT, DOUBLE as FLOAT (a double), with zero literals widened to both zeros and NaN literals left out;</li>
 *   <li>CHAR, VARCHAR as STRING, assuming the writer stores CHAR unpadded; only literals whose characters are all
 *       below U+D800, because ORC compares literals as Java strings (UTF-16) with bounds ordered as UTF-8 bytes,
 *       and the two orders differ above it;</li>
 *   <li>DECIMAL as DECIMAL ({@link HiveDecimalWritable}); BOOLEAN as BOOLEAN;</li>
 *   <li>DATE as DATE: a {@link java.sql.Date} of the same local date, which ORC reads back with
 *       {@code toLocalDate()}, so the argument must be built in the JVM that reads; only literals from
 *       1582-10-15 on, as ORC's hybrid Julian calendar names earlier days differently;</li>
 *   <li>TIMESTAMP as TIMESTAMP: a {@link java.sql.Timestamp} of the same epoch count, for files written and
 *       read with {@code useUTCTimestamp(true)}, where ORC compares against UTC statistics.</li>
 * </ul>
 * TIME, TIMESTAMP WITH LOCAL TIME ZONE, BINARY, VARBINARY and nested types are not pushed.
 */
public final class OrcPredicates {
    /**
     * 1582-10-15, the first day of the Gregorian calendar. Before it, ORC's default hybrid calendar names an epoch
     * day differently from java.time, so ORC would compare an earlier literal with shifted statistics; a later
     * literal compares the same way with every day, whichever calendar the file uses.
     */
    private static final int GREGORIAN_CUTOVER_DAY = (int) LocalDate.of(1582, 10, 15).toEpochDay();

    private OrcPredicates() {}

    /** The search argument for the part of the predicate that ORC can evaluate; empty when there is none. */
    public static Optional<SearchArgument> toSearchArgument(Predicate predicate, RowType rowType) {
        requireNonNull(predicate, "predicate is null");
        requireNonNull(rowType, "rowType is null");
        return PredicateUtils.rewriteLeaves(predicate, leaf -> pushable(leaf, rowType))
                .map(pushable -> {
                    SearchArgument.Builder builder = SearchArgumentFactory.newBuilder();
                    pushable.visit(new Translator(builder, rowType));
                    return builder.build();
                });
    }

    private static Optional<Predicate> pushable(LeafPredicate leaf, RowType rowType) {
        if (PushdownLeaves.fileField(leaf, rowType).isEmpty() || orcType(leaf.type()) == null) {
            return Optional.empty();
        }
        Optional<LeafPredicate> pushed = PushdownLeaves.withoutNullLiterals(leaf);
        if (pushed.isEmpty()) {
            return Optional.empty();
        }
        LeafPredicate result = pushed.get();
        if (PushdownLeaves.isFloatingPoint(result)) {
            if (PushdownLeaves.hasNaN(result)) {
                return Optional.empty();
            }
            result = PushdownLeaves.forTotalOrder(result);
        }
        PredicateLeaf.Type type = orcType(result.type());
        if (type == PredicateLeaf.Type.STRING && !result.literals().stream().allMatch(OrcPredicates::isBelowSurrogates)) {
            return Optional.empty();
        }
        if (type == PredicateLeaf.Type.DATE && !result.literals().stream().allMatch(day -> (Integer) day >= GREGORIAN_CUTOVER_DAY)) {
            return Optional.empty();
        }
        return Optional.of(result);
    }

    /** Whether every character is below U+D800, where UTF-16 order and UTF-8 byte order agree with each other. */
    private static boolean isBelowSurrogates(Object literal) {
        return literal.toString().chars().allMatch(c -> c < Character.MIN_SURROGATE);
    }

    /** The ORC type of a field type, or null when it is not pushed. */
    private static PredicateLeaf.Type orcType(DataType type) {
        switch (type.root()) {
            case BOOLEAN:
                return PredicateLeaf.Type.BOOLEAN;
            case TINYINT:
            case SMALLINT:
            case INT:
            case BIGINT:
                return PredicateLeaf.Type.LONG;
            case FLOAT:
            case DOUBLE:
                return PredicateLeaf.Type.FLOAT;
            case DECIMAL:
                return PredicateLeaf.Type.DECIMAL;
            case CHAR:
            case VARCHAR:
                return PredicateLeaf.Type.STRING;
            case DATE:
                return PredicateLeaf.Type.DATE;
            case TIMESTAMP:
                return PredicateLeaf.Type.TIMESTAMP;
            default:
                return null;
        }
    }

    /** An internal value as the Java object that ORC expects for the ORC type. */
    private static Object orcLiteral(PredicateLeaf.Type orcType, Object value) {
        switch (orcType) {
            case BOOLEAN:
                return value;
            case LONG:
                return ((Number) value).longValue();
            case FLOAT:
                return ((Number) value).doubleValue();
            case DECIMAL:
                return new HiveDecimalWritable(HiveDecimal.create(((Decimal) value).toBigDecimal()));
            case STRING:
                return ((BinaryString) value).toString();
            case DATE:
                return java.sql.Date.valueOf(LocalDate.ofEpochDay((Integer) value));
            case TIMESTAMP: {
                Timestamp timestamp = (Timestamp) value;
                java.sql.Timestamp sqlTimestamp = new java.sql.Timestamp(timestamp.millisecond());
                sqlTimestamp.setNanos((int) Math.floorMod(timestamp.millisecond(), 1000L) * 1_000_000 + timestamp.nanoOfMillisecond());
                return sqlTimestamp;
            }
            default:
                throw new IllegalArgumentException("No ORC literal for " + orcType);
        }
    }

    /** Adds a fully pushable predicate to a search argument builder. */
    private static final class Translator implements PredicateVisitor<Void> {
        private final SearchArgument.Builder builder;
        private final RowType rowType;

        Translator(SearchArgument.Builder builder, RowType rowType) {
            this.builder = builder;
            this.rowType = rowType;
        }

        @Override
        public Void visit(CompoundPredicate compound) {
            if (compound.kind() == CompoundPredicate.Kind.AND) {
                builder.startAnd();
            } else {
                builder.startOr();
            }
            for (Predicate child : compound.children()) {
                child.visit(this);
            }
            builder.end();
            return null;
        }

        @Override
        public Void visit(LeafPredicate leaf) {
            DataField field = rowType.fields().get(leaf.index());
            String column = field.name();
            PredicateLeaf.Type type = orcType(leaf.type());
            List<Object> literals = leaf.literals();
            Object literal = literals.isEmpty() ? null : orcLiteral(type, literals.get(0));
            switch (leaf.function()) {
                case EQUAL:
                    builder.equals(column, type, literal);
                    break;
                case NOT_EQUAL:
                    builder.startNot().equals(column, type, literal).end();
                    break;
                case LESS_THAN:
                    builder.lessThan(column, type, literal);
                    break;
                case LESS_OR_EQUAL:
                    builder.lessThanEquals(column, type, literal);
                    break;
                case GREATER_THAN:
                    builder.startNot().lessThanEquals(column, type, literal).end();
                    break;
                case GREATER_OR_EQUAL:
                    builder.startNot().lessThan(column, type, literal).end();
                    break;
                case IN:
                    if (literals.size() == 1) {
                        builder.equals(column, type, literal);
                    } else {
                        builder.in(column, type, literals.stream().map(l -> orcLiteral(type, l)).toArray());
                    }
                    break;
                case NOT_IN:
                    builder.startNot();
                    if (literals.size() == 1) {
                        builder.equals(column, type, literal);
                    } else {
                        builder.in(column, type, literals.stream().map(l -> orcLiteral(type, l)).toArray());
                    }
                    builder.end();
                    break;
                case IS_NULL:
                    builder.isNull(column, type);
                    break;
                case IS_NOT_NULL:
                    builder.startNot().isNull(column, type).end();
                    break;
                default:
                    throw new AssertionError(leaf.function());
            }
            return null;
        }
    }
}
