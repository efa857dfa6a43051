/**
 * The value model ({@link io.nodedb.core.value.Value}) and its two encodings: binary
 * ({@link io.nodedb.core.value.ValueCodec}) for storage, the command log and the wire, and JSON
 * ({@link io.nodedb.core.value.ValueJson}) for people and tools.
 *
 * <h2>Binary format</h2>
 *
 * <p>A value is one MessagePack object. Writers use the families below, always the smallest that fits; readers
 * accept every standard form of each family (for instance a float32 or an int64 holding 1).
 *
 * <table>
 *   <caption>Value kinds and their MessagePack form</caption>
 *   <tr><th>Value</th><th>MessagePack</th><th>Notes</th></tr>
 *   <tr><td>NULL</td><td>nil {@code c0}</td><td></td></tr>
 *   <tr><td>BOOL</td><td>false {@code c2}, true {@code c3}</td><td></td></tr>
 *   <tr><td>BIGINT</td><td>positive/negative fixint, uint8..uint64 {@code cc..cf}, int8..int64 {@code d0..d3}</td>
 *       <td>non-negative values use the unsigned forms; uint64 above {@code Long.MAX_VALUE} is rejected</td></tr>
 *   <tr><td>DOUBLE</td><td>float64 {@code cb}</td><td>NaN written as {@code 7ff8000000000000}; float32
 *       {@code ca} is read</td></tr>
 *   <tr><td>TEXT</td><td>fixstr, str8/16/32 {@code d9..db}</td><td>UTF-8; invalid UTF-8 is rejected on read</td></tr>
 *   <tr><td>BYTES</td><td>bin8/16/32 {@code c4..c6}</td><td></td></tr>
 *   <tr><td>ARRAY</td><td>fixarray, array16/32 {@code dc, dd}</td><td></td></tr>
 *   <tr><td>OBJECT</td><td>fixmap, map16/32 {@code de, df}</td><td>keys must be strings, unique; order kept</td></tr>
 *   <tr><td>others</td><td>fixext1..16 {@code d4..d8}, ext8/16/32 {@code c7..c9}</td><td>see below</td></tr>
 * </table>
 *
 * <p>Extension types (the type byte follows the length, as MessagePack specifies; fixext is used when the
 * payload is exactly 1, 2, 4, 8 or 16 bytes):
 *
 * <table>
 *   <caption>NodeDB extension types</caption>
 *   <tr><th>Type</th><th>Value</th><th>Payload</th></tr>
 *   <tr><td>1</td><td>DECIMAL</td><td>scale as a zigzag-encoded LEB128 varint (1 to 5 bytes, a 32-bit int), then
 *       the unscaled value as minimal two's-complement big-endian bytes (at least one byte);
 *       value = unscaled &times; 10<sup>-scale</sup></td></tr>
 *   <tr><td>2</td><td>TIMESTAMP</td><td>8 bytes: microseconds since 1970-01-01T00:00:00Z, signed big-endian</td></tr>
 *   <tr><td>3</td><td>UUID</td><td>16 bytes: most significant long, then least significant long, big-endian</td></tr>
 *   <tr><td>4</td><td>VECTOR</td><td>4 &times; dimensions bytes: IEEE float32 little-endian each (the layout SIMD
 *       distance kernels load directly); components must be finite</td></tr>
 *   <tr><td>5</td><td>GEOMETRY</td><td>OGC WKB bytes, stored as given (not parsed on read)</td></tr>
 *   <tr><td>6</td><td>DATE</td><td>4 bytes: days since 1970-01-01, signed big-endian; 4713 BC to 5874897 AD
 *       (PostgreSQL's range), others rejected on read</td></tr>
 *   <tr><td>7</td><td>TIME</td><td>8 bytes: microseconds since midnight, signed big-endian, 0 to
 *       86,400,000,000 (24:00:00) inclusive</td></tr>
 *   <tr><td>8</td><td>INTERVAL</td><td>16 bytes: months (int32), days (int32), microseconds (int64), each signed
 *       big-endian; the three fields are kept apart, as in PostgreSQL, because months and days have no fixed
 *       length</td></tr>
 * </table>
 *
 * <p>Other extension types, including MessagePack's own timestamp (-1), are rejected. Readers reject
 * containers nested deeper than {@link io.nodedb.core.value.ValueCodec#MAX_DEPTH}, declared lengths or counts
 * larger than the remaining input, and trailing bytes, each with a
 * {@link io.nodedb.core.value.ValueFormatException} naming the byte offset.
 *
 * <h2>JSON</h2>
 *
 * <p>See {@link io.nodedb.core.value.ValueJson} for the typed (lossless) and plain forms.
 */
package io.nodedb.core.value;
