package io.nodedb.core.document;

import io.nodedb.core.value.Value;

/** A document as read, with its id and version (the LSN that wrote it); pass the version back to detect conflicts. */
public record VersionedDocument(Value id, Value.Obj document, long version) {
}
