package org.spm4j.shm.mailbox;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Writes each kind of message straight into an inbox's ring: claim, fill through a flyweight, commit.
 * Every method returns false, having written nothing, when the inbox is full; the caller decides
 * whether to idle and retry. Not thread-safe: one sender per thread.
 */
public final class MessageSender
{
    private final TaskFlyweight task = new TaskFlyweight();
    private final BatchFlyweight batch = new BatchFlyweight();
    private final StatusFlyweight status = new StatusFlyweight();
    private final RequestFlyweight request = new RequestFlyweight();
    private final ReplyFlyweight reply = new ReplyFlyweight();
    private final PeerFlyweight peer = new PeerFlyweight();
    private final ControlFlyweight control = new ControlFlyweight();

    /**
     * Send a TASK.
     *
     * @param inbox      the spoke's inbox.
     * @param taskId     task id.
     * @param runId      manager run the task belongs to.
     * @param closureId  closure to run.
     * @param attempt    attempt, 1 for the first.
     * @param flags      which messages the task may send, see {@link TaskFlyweight#MAY_REQUEST}.
     * @param deadlineMs most ms the task may run, {@link TaskFlyweight#NO_DEADLINE} for no limit.
     * @param argument   argument bytes.
     * @param offset     where they start.
     * @param length     how many.
     * @return true if sent, false if the inbox is full or the reader took the claim back; send again.
     * @throws MessageTooLargeException if the message can never fit the inbox.
     */
    public boolean sendTask(
        final Inbox inbox,
        final long taskId,
        final long runId,
        final int closureId,
        final int attempt,
        final int flags,
        final long deadlineMs,
        final DirectBuffer argument,
        final int offset,
        final int length)
    {
        final int index = inbox.tryClaim(MessageTypes.TASK, task.encodedLength(length));
        if (index < 0)
        {
            return false;
        }
        putTask(inbox.buffer(), index, taskId, runId, closureId, attempt, flags, deadlineMs, argument, offset, length);
        return inbox.commit(index);
    }

    /**
     * Send tasks of one manager run: a single one as a TASK, several as one BATCH of TASKs, so they cost one
     * claim and one commit.
     *
     * @param inbox the spoke's inbox.
     * @param tasks the tasks, at least one.
     * @param runId manager run they belong to.
     * @param flags which messages they may send, see {@link TaskFlyweight#MAY_REQUEST}.
     * @return true if sent, false if the inbox is full or the reader took the claim back; send again.
     * @throws MessageTooLargeException if the message can never fit the inbox.
     */
    public boolean sendTasks(final Inbox inbox, final TaskBatch tasks, final long runId, final int flags)
    {
        if (1 == tasks.size())
        {
            return sendTask(inbox, tasks.taskId(0), runId, tasks.closureId(0), tasks.attempt(0),
                flags | tasks.flags(0), tasks.deadlineMs(0), tasks.argument(0), 0, tasks.argumentLength(0));
        }
        final int length = batchLength(tasks);
        final int index = inbox.tryClaim(MessageTypes.BATCH, length);
        if (index < 0)
        {
            return false;
        }
        batch.wrapForWrite(inbox.buffer(), index, length);
        for (int i = 0, size = tasks.size(); i < size; i++)
        {
            final int argumentLength = tasks.argumentLength(i);
            putTask(inbox.buffer(), batch.appendElement(MessageTypes.TASK, task.encodedLength(argumentLength)),
                tasks.taskId(i), runId, tasks.closureId(i), tasks.attempt(i), flags | tasks.flags(i),
                tasks.deadlineMs(i), tasks.argument(i), 0, argumentLength);
        }
        return inbox.commit(index);
    }

    private void putTask(
        final MutableDirectBuffer buffer,
        final int index,
        final long taskId,
        final long runId,
        final int closureId,
        final int attempt,
        final int flags,
        final long deadlineMs,
        final DirectBuffer argument,
        final int offset,
        final int length)
    {
        task.wrapForWrite(buffer, index, length)
            .taskId(taskId)
            .runId(runId)
            .closureId(closureId)
            .attempt(attempt)
            .flags(flags)
            .deadlineMs(deadlineMs)
            .putPayload(argument, offset, length);
    }

    private int batchLength(final TaskBatch tasks)
    {
        int length = BatchFlyweight.HEADER_LENGTH;
        for (int i = 0, size = tasks.size(); i < size; i++)
        {
            length += BatchFlyweight.elementSpace(task.encodedLength(tasks.argumentLength(i)));
        }
        return length;
    }

    /**
     * Send a STATUS.
     *
     * @param inbox        the outbox of the spoke that ran it.
     * @param taskId       task id.
     * @param attempt      the attempt that ended.
     * @param spokeId      the spoke that ran it.
     * @param outcome      how it ended.
     * @param journalIndex error record, {@link StatusFlyweight#NO_JOURNAL_INDEX} if none.
     * @param result       result bytes.
     * @param offset       where they start.
     * @param length       how many.
     * @return true if sent, false if the inbox is full or the reader took the claim back; send again.
     * @throws MessageTooLargeException if the message can never fit the inbox.
     */
    public boolean sendStatus(
        final Inbox inbox,
        final long taskId,
        final int attempt,
        final int spokeId,
        final TaskOutcome outcome,
        final long journalIndex,
        final DirectBuffer result,
        final int offset,
        final int length)
    {
        final int index = inbox.tryClaim(MessageTypes.STATUS, status.encodedLength(length));
        if (index < 0)
        {
            return false;
        }
        status.wrapForWrite(inbox.buffer(), index, length)
            .taskId(taskId)
            .attempt(attempt)
            .spokeId(spokeId)
            .outcome(outcome)
            .journalIndex(journalIndex)
            .putPayload(result, offset, length);
        return inbox.commit(index);
    }

    /**
     * Send a REQUEST.
     *
     * @param inbox         the outbox of the spoke asking.
     * @param correlationId id the reply will carry, {@link RequestFlyweight#NO_REPLY} if none is wanted.
     * @param taskId        the task asking.
     * @param attempt       its attempt.
     * @param spokeId       the spoke asking.
     * @param body          request bytes.
     * @param offset        where they start.
     * @param length        how many.
     * @return true if sent, false if the inbox is full or the reader took the claim back; send again.
     * @throws MessageTooLargeException if the message can never fit the inbox.
     */
    public boolean sendRequest(
        final Inbox inbox,
        final long correlationId,
        final long taskId,
        final int attempt,
        final int spokeId,
        final DirectBuffer body,
        final int offset,
        final int length)
    {
        final int index = inbox.tryClaim(MessageTypes.REQUEST, request.encodedLength(length));
        if (index < 0)
        {
            return false;
        }
        request.wrapForWrite(inbox.buffer(), index, length)
            .correlationId(correlationId)
            .taskId(taskId)
            .attempt(attempt)
            .spokeId(spokeId)
            .putPayload(body, offset, length);
        return inbox.commit(index);
    }

    /**
     * Send a REPLY.
     *
     * @param inbox         the asking spoke's inbox.
     * @param correlationId the request's correlation id.
     * @param taskId        the task that asked.
     * @param attempt       its attempt.
     * @param body          reply bytes.
     * @param offset        where they start.
     * @param length        how many.
     * @return true if sent, false if the inbox is full or the reader took the claim back; send again.
     * @throws MessageTooLargeException if the message can never fit the inbox.
     */
    public boolean sendReply(
        final Inbox inbox,
        final long correlationId,
        final long taskId,
        final int attempt,
        final DirectBuffer body,
        final int offset,
        final int length)
    {
        final int index = inbox.tryClaim(MessageTypes.REPLY, reply.encodedLength(length));
        if (index < 0)
        {
            return false;
        }
        reply.wrapForWrite(inbox.buffer(), index, length)
            .correlationId(correlationId)
            .taskId(taskId)
            .attempt(attempt)
            .putPayload(body, offset, length);
        return inbox.commit(index);
    }

    /**
     * Send a PEER message.
     *
     * @param inbox      the receiver's inbox.
     * @param generation the crew run and attempt it belongs to.
     * @param from       sender.
     * @param to     receiver.
     * @param tag    what kind of traffic it is.
     * @param body   message bytes.
     * @param offset where they start.
     * @param length how many.
     * @return true if sent, false if the inbox is full or the reader took the claim back; send again.
     * @throws MessageTooLargeException if the message can never fit the inbox.
     */
    public boolean sendPeer(
        final Inbox inbox,
        final long generation,
        final int from,
        final int to,
        final int tag,
        final DirectBuffer body,
        final int offset,
        final int length)
    {
        final int index = inbox.tryClaim(MessageTypes.PEER, peer.encodedLength(length));
        if (index < 0)
        {
            return false;
        }
        peer.wrapForWrite(inbox.buffer(), index, length)
            .generation(generation)
            .from(from)
            .to(to)
            .tag(tag)
            .putPayload(body, offset, length);
        return inbox.commit(index);
    }

    /**
     * Send a CONTROL command.
     *
     * @param inbox   the spoke's inbox.
     * @param command the command.
     * @param value   its value.
     * @return true if sent, false if the inbox is full or the reader took the claim back; send again.
     */
    public boolean sendControl(final Inbox inbox, final ControlCommand command, final long value)
    {
        final int index = inbox.tryClaim(MessageTypes.CONTROL, ControlFlyweight.LENGTH);
        if (index < 0)
        {
            return false;
        }
        control.wrapForWrite(inbox.buffer(), index).command(command).value(value);
        return inbox.commit(index);
    }
}
