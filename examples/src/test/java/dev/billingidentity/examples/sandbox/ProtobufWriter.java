package dev.billingidentity.examples.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes protobuf messages as kubectl does, for the tests of what the sandbox reads of them. */
final class ProtobufWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  ProtobufWriter string(int field, String value) {
    return bytes(field, value.getBytes(StandardCharsets.UTF_8));
  }

  ProtobufWriter message(int field, ProtobufWriter message) {
    return bytes(field, message.toByteArray());
  }

  ProtobufWriter varint(int field, long value) {
    varint((long) field << 3);
    varint(value);
    return this;
  }

  private ProtobufWriter bytes(int field, byte[] value) {
    varint((long) field << 3 | 2);
    varint(value.length);
    out.writeBytes(value);
    return this;
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }

  /** Kubernetes' envelope of an object: {@code k8s\0}, then {@code runtime.Unknown} with its type and its bytes. */
  static byte[] envelope(String apiVersion, String kind, ProtobufWriter object) {
    ProtobufWriter unknown = new ProtobufWriter()
        .message(1, new ProtobufWriter().string(1, apiVersion).string(2, kind))
        .message(2, object);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(new byte[] {'k', '8', 's', 0});
    all.writeBytes(unknown.toByteArray());
    return all.toByteArray();
  }

  private void varint(long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) (v & 0x7F) | 0x80);
      v >>>= 7;
    }
    out.write((int) v);
  }
}
