/**
 * {@code spm demo}: the command line's showcase, kept apart from the library ({@code org.spm4j}) and from the
 * commands that run and inspect pools ({@code org.spm4j.cli}). {@link org.spm4j.cli.demo.SpmDemo} renders a
 * Mandelbrot image band by band as a task farm, serially and on spokes, and shows a failing task retried;
 * the image and its bands are {@code MandelbrotView}, the failing task {@code FlakyBand}.
 */
package org.spm4j.cli.demo;
