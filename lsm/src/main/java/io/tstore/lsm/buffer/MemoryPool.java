package io.tstore.lsm.buffer;

import io.tstore.options.MemorySize;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static java.util.Objects.requireNonNull;

/**
 * One memory budget shared by all write buffers of a process, handed out in fixed-size pages. When the budget
 * is spent, the writer asking for memory makes the owner holding the most memory flush or spill; when that is
 * the asking writer itself, it is told to free its own memory.
 */
public final class MemoryPool {
    private final int pageSize;
    private final long maxPages;
    private final ArrayDeque<byte[]> freePages = new ArrayDeque<>();
    private final List<MemoryOwner> owners = new CopyOnWriteArrayList<>();
    private long allocatedPages;

    public MemoryPool(MemorySize budget, MemorySize pageSize) {
        requireNonNull(budget, "budget is null");
        requireNonNull(pageSize, "pageSize is null");
        if (pageSize.bytes() < 64 || pageSize.bytes() > (1 << 30)) {
            throw new IllegalArgumentException("page size must be between 64 bytes and 1 gb, got " + pageSize);
        }
        this.pageSize = pageSize.bytesAsInt();
        this.maxPages = budget.bytes() / this.pageSize;
        if (maxPages < 2) {
            throw new IllegalArgumentException(
                    "write buffer budget " + budget + " must hold at least two pages of " + pageSize);
        }
    }

    public int pageSize() {
        return pageSize;
    }

    public long budgetBytes() {
        return maxPages * pageSize;
    }

    public void register(MemoryOwner owner) {
        owners.add(requireNonNull(owner, "owner is null"));
    }

    public void unregister(MemoryOwner owner) {
        owners.remove(owner);
    }

    /** A page if the budget has one left, else null. */
    public synchronized byte[] tryAllocate() {
        byte[] page = freePages.poll();
        if (page != null) {
            return page;
        }
        if (allocatedPages < maxPages) {
            allocatedPages++;
            return new byte[pageSize];
        }
        return null;
    }

    /**
     * A page, freeing memory held by other owners if needed. Returns null when the requester itself holds the
     * most memory, or the owners that do are busy: the requester must then spill or flush its own buffer.
     */
    public byte[] allocate(MemoryOwner requester) throws IOException {
        while (true) {
            byte[] page = tryAllocate();
            if (page != null) {
                return page;
            }
            MemoryOwner largest = null;
            long largestBytes = 0;
            for (MemoryOwner owner : owners) {
                long bytes = owner.memoryOccupancy();
                if (bytes > largestBytes) {
                    largest = owner;
                    largestBytes = bytes;
                }
            }
            if (largest == null || largest == requester || !largest.tryFlushMemory()) {
                return null;
            }
        }
    }

    public synchronized void release(Collection<byte[]> pages) {
        for (byte[] page : pages) {
            if (page.length != pageSize) {
                throw new IllegalArgumentException("not a page of this pool: " + page.length + " bytes");
            }
            freePages.push(page);
        }
    }

    /** Bytes handed out and not returned. */
    public synchronized long usedBytes() {
        return (allocatedPages - freePages.size()) * pageSize;
    }
}
