package org.spm4j.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.spm4j.Placement;
import org.spm4j.SpokeIdle;

/**
 * Everything a pool was built with.
 *
 * @param name               the pool id, null for a unique one.
 * @param externalSpokes     true if spokes are started outside the hub and attach to it.
 * @param spokes             number of spokes.
 * @param idle               how idle spokes wait.
 * @param placement          where spokes run.
 * @param startTimeout       how long spokes may take to become READY.
 * @param stopGrace          how long spokes may take to stop.
 * @param heartbeatTimeout   oldest heartbeat a live spoke may have.
 * @param root               directory pools are created under.
 * @param persistentJournal  journal directory kept after close, null for one inside the pool directory.
 * @param allowedClasses     extra deserialization allow-list patterns.
 * @param spokeJvmOptions    extra JVM options for spokes.
 * @param inboxCapacity      bytes of each inbox ring.
 * @param closureTableLength bytes for closure definitions.
 * @param codec              class name of the user's codec, null for the default.
 */
public record PoolConfig(
    String name,
    boolean externalSpokes,
    int spokes,
    SpokeIdle idle,
    Placement placement,
    Duration startTimeout,
    Duration stopGrace,
    Duration heartbeatTimeout,
    Path root,
    Path persistentJournal,
    List<String> allowedClasses,
    List<String> spokeJvmOptions,
    int inboxCapacity,
    int closureTableLength,
    String codec)
{
}
