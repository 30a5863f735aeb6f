package io.tstore.lsm.buffer;

import java.io.IOException;

/** Something that holds pages of a {@link MemoryPool} and can give them back by flushing or spilling. */
public interface MemoryOwner {

    /** Bytes of pool memory held now. May be called from other threads. */
    long memoryOccupancy();

    /**
     * Frees this owner's pool memory by spilling or flushing. Called from another writer's thread when the pool
     * is exhausted: returns false without waiting when the owner is busy.
     */
    boolean tryFlushMemory() throws IOException;

    /** An owner that holds no memory the pool could reclaim: for a buffer used on its own. */
    MemoryOwner NONE = new MemoryOwner() {
        @Override
        public long memoryOccupancy() {
            return 0;
        }

        @Override
        public boolean tryFlushMemory() {
            return false;
        }
    };
}
