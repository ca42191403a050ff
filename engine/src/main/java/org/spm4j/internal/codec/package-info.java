/**
 * User values to bytes and back, behind the deserialization allow-list: {@link
 * org.spm4j.internal.codec.ValueCodec} writes boxed primitives, strings and byte arrays directly and the rest
 * through {@link org.spm4j.internal.codec.JavaSerialization}, which refuses what
 * {@link org.spm4j.internal.codec.AllowListFilter} does not allow and explains, through
 * {@link org.spm4j.internal.codec.SerializationDiagnosis}, which captured value or field cannot be serialized;
 * {@link org.spm4j.internal.codec.Codecs} makes the user's codec or the default one.
 * {@link org.spm4j.internal.codec.LargeValues} puts the pool's codec behind the form byte every task argument and
 * result starts with, and moves one too large for its message to a value segment of the pool;
 * {@link org.spm4j.internal.codec.JournalArguments} says how a failed task's record keeps its argument. Imports
 * nothing else of the engine's internals.
 * <p>
 * Threads: any. Every class is stateless or thread-safe, and the allow-list may grow while in use; the hub and
 * each spoke make their own instances.
 */
package org.spm4j.internal.codec;
