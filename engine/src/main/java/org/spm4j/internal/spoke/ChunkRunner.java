package org.spm4j.internal.spoke;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.NanoClock;
import org.spm4j.internal.task.TaskEvaluator;
import org.spm4j.shm.SpokeSlot;
import org.spm4j.shm.mailbox.ElementPayloads;

/**
 * Runs a chunk on a spoke: each element as a task of its own id, its outcome added to a status part that
 * leaves when the next entry would not fit a message, and at the chunk's end. Between elements the spoke
 * reads its inbox, so a CANCEL of the chunk stops it: the elements not yet run are reported cancelled.
 * Task thread only.
 */
final class ChunkRunner
{
    /**
     * Where a full status part goes.
     */
    @FunctionalInterface
    interface PartSink
    {
        /**
         * @param chunkId      the chunk.
         * @param attempt      its attempt.
         * @param firstElement index of the part's first element.
         * @param entries      the part's entries.
         * @param length       their length.
         */
        void send(long chunkId, int attempt, int firstElement, DirectBuffer entries, int length);
    }

    private final SpokeSlot slot;
    private final NanoClock clock;
    private final PartSink sink;
    private final Runnable readInbox;
    private final ExpandableArrayBuffer part = new ExpandableArrayBuffer(1024);
    private int partLength;
    private int partFirst;
    private boolean cancelled;

    /**
     * @param slot      the spoke's slot, where the running element is published.
     * @param clock     times the chunk.
     * @param sink      where status parts go.
     * @param readInbox takes the spoke's messages between elements.
     */
    ChunkRunner(final SpokeSlot slot, final NanoClock clock, final PartSink sink, final Runnable readInbox)
    {
        this.slot = slot;
        this.clock = clock;
        this.sink = sink;
        this.readInbox = readInbox;
    }

    /**
     * The chunk being run was cancelled: its elements not yet started will not be.
     */
    void cancel()
    {
        cancelled = true;
    }

    void run(final TaskEvaluator evaluator, final QueuedTask chunk)
    {
        final long startNs = clock.nanoTime();
        final int maxPart = evaluator.maxResultLength();
        final long firstId = ElementPayloads.firstElementId(chunk.taskId);
        final int count = ElementPayloads.argumentCount(chunk.argument, 0, chunk.argumentLength);
        int at = ElementPayloads.ARGUMENTS_HEADER_LENGTH;
        cancelled = false;
        partLength = 0;
        partFirst = 0;
        evaluator.beginChunk(ElementPayloads.ELEMENT_OVERHEAD);
        try
        {
            for (int element = 0; element < count; element++)
            {
                final int length = ElementPayloads.argumentLength(chunk.argument, at, chunk.argumentLength);
                at += ElementPayloads.ELEMENT_OVERHEAD;
                if (cancelled)
                {
                    makeRoom(chunk, Integer.BYTES, element, maxPart);
                    partLength += ElementPayloads.putCancelled(part, partLength);
                }
                else
                {
                    runElement(evaluator, chunk, firstId + element, element, at, length, maxPart);
                }
                at += length;
            }
            makeRoom(chunk, ElementPayloads.END_ENTRY_LENGTH, count, maxPart);
            partLength += ElementPayloads.putEnd(part, partLength, clock.nanoTime() - startNs);
            sink.send(chunk.taskId, chunk.attempt, partFirst, part, partLength);
        }
        finally
        {
            evaluator.endChunk();
        }
    }

    private void runElement(
        final TaskEvaluator evaluator,
        final QueuedTask chunk,
        final long elementId,
        final int element,
        final int offset,
        final int length,
        final int maxPart)
    {
        slot.currentTaskRelease(elementId);
        final int resultLength = evaluator.evaluate(
            elementId, chunk.runId, chunk.closureId, chunk.attempt, chunk.flags, chunk.argument, offset, length);
        // an interrupt the element left would make the next one's sleeps fail at once
        Thread.interrupted();
        if (TaskEvaluator.FAILED == resultLength)
        {
            makeRoom(chunk, ElementPayloads.FAILED_ENTRY_LENGTH, element, maxPart);
            partLength += ElementPayloads.putFailed(part, partLength, evaluator.journalIndex());
        }
        else
        {
            makeRoom(chunk, ElementPayloads.ELEMENT_OVERHEAD + resultLength, element, maxPart);
            partLength += ElementPayloads.putCompleted(part, partLength, evaluator.result(), resultLength);
        }
        readInbox.run();
    }

    /**
     * Send the part so far if an entry of {@code length} bytes would not fit it; the next part starts at
     * {@code element}.
     */
    private void makeRoom(final QueuedTask chunk, final int length, final int element, final int maxPart)
    {
        if (partLength + length > maxPart)
        {
            sink.send(chunk.taskId, chunk.attempt, partFirst, part, partLength);
            partLength = 0;
            partFirst = element;
        }
    }
}
