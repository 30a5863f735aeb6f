package io.tstore.flink.procedure;

import io.tstore.core.catalog.Catalog;
import io.tstore.core.snapshot.Snapshot;
import io.tstore.core.tag.TagManager;

import org.apache.flink.table.procedure.ProcedureContext;

import java.io.IOException;

/** The procedures of tags. */
public final class TagProcedures {
    private TagProcedures() {}

    /**
     * {@code CALL sys.create_tag('db.t', 'tag')} tags the latest snapshot; {@code CALL sys.create_tag('db.t', 'tag', 3)}
     * snapshot 3. Returns the id of the tagged snapshot.
     */
    public static final class CreateTag extends TableProcedure {
        public static final String NAME = "create_tag";

        public CreateTag(Catalog catalog) {
            super(catalog);
        }

        public long[] call(ProcedureContext context, String table, String tag) throws IOException {
            Snapshot tagged = new TagManager(table(table)).createTag(tag);
            return new long[] {tagged.id()};
        }

        public long[] call(ProcedureContext context, String table, String tag, Long snapshotId) throws IOException {
            if (snapshotId == null) {
                return call(context, table, tag);
            }
            Snapshot tagged = new TagManager(table(table)).createTag(tag, snapshotId);
            return new long[] {tagged.id()};
        }

        @Override
        String name() {
            return "sys." + NAME;
        }
    }

    /** {@code CALL sys.delete_tag('db.t', 'tag')}; returns the number of data files deleted with it. */
    public static final class DeleteTag extends TableProcedure {
        public static final String NAME = "delete_tag";

        public DeleteTag(Catalog catalog) {
            super(catalog);
        }

        public long[] call(ProcedureContext context, String table, String tag) throws IOException {
            return new long[] {new TagManager(table(table)).deleteTag(tag)};
        }

        @Override
        String name() {
            return "sys." + NAME;
        }
    }
}
