package io.tstore.core.io;

import io.tstore.core.data.BinaryRow;
import io.tstore.core.data.InternalRow;
import io.tstore.lsm.RowKind;
import io.tstore.lsm.file.LsmFile;
import io.tstore.lsm.file.SortedRun;

import java.io.IOException;
import java.util.Iterator;

import static java.util.Objects.requireNonNull;

/** The records of a sorted run: the cursors of its files one after the other, each opened when the last ends. */
final class RunCursor implements KeyValueCursor {
    private final KeyValueRunFiles files;
    private final Iterator<LsmFile<BinaryRow>> remaining;
    private KeyValueCursor current;

    RunCursor(KeyValueRunFiles files, SortedRun<BinaryRow> run) {
        this.files = requireNonNull(files, "files is null");
        this.remaining = requireNonNull(run, "run is null").files().iterator();
    }

    @Override
    public boolean next() throws IOException {
        while (true) {
            if (current != null) {
                if (current.next()) {
                    return true;
                }
                KeyValueCursor done = current;
                current = null;
                done.close();
            }
            if (!remaining.hasNext()) {
                return false;
            }
            current = files.cursor(remaining.next());
        }
    }

    private KeyValueCursor current() {
        if (current == null) {
            throw new IllegalStateException("The cursor is not on a record");
        }
        return current;
    }

    @Override
    public long keyPrefix() {
        return current().keyPrefix();
    }

    @Override
    public BinaryRow key() {
        return current().key();
    }

    @Override
    public long sequenceNumber() {
        return current().sequenceNumber();
    }

    @Override
    public RowKind kind() {
        return current().kind();
    }

    @Override
    public InternalRow value() throws IOException {
        return current().value();
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            KeyValueCursor done = current;
            current = null;
            done.close();
        }
    }
}
