package dev.billingidentity.examples.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads the protobuf bodies kubectl sends for the objects it builds itself ({@code kubectl create namespace},
 * {@code kubectl create serviceaccount}: client-go's typed clients write protobuf for built-in kinds since 1.31),
 * which the mock API server cannot read, into the JSON it can.
 *
 * <p>The wire form is Kubernetes' envelope: the bytes {@code k8s\0}, then a {@code runtime.Unknown} message (1:
 * {@code typeMeta} with 1: apiVersion and 2: kind; 2: the object's own message). Of a {@code v1} {@code Namespace} or
 * {@code ServiceAccount} it reads the object's metadata (field 1, {@code ObjectMeta}): name (1), generateName (2),
 * namespace (3), labels (11), annotations (12) and finalizers (14); its other fields are what an API server sets
 * (status) or what these kubectl commands never send, and are left out. Of an {@code authentication.k8s.io/v1}
 * {@code TokenRequest} ({@code kubectl create token}) it reads the metadata and the spec (field 2): audiences (1) and
 * expirationSeconds (4); a bound object (3) is not read, as the sandbox binds none.
 */
final class KubernetesProtobuf {
  /** The content type of a protobuf body. */
  static final String CONTENT_TYPE = "application/vnd.kubernetes.protobuf";
  private static final byte[] MAGIC = {'k', '8', 's', 0};
  private static final ObjectMapper JSON = new ObjectMapper();

  private KubernetesProtobuf() {}

  /**
   * The JSON of a protobuf {@code v1} Namespace or ServiceAccount, or an {@code authentication.k8s.io/v1}
   * TokenRequest; empty for any other kind (and for bytes that are not Kubernetes' protobuf envelope), which the
   * sandbox cannot read.
   */
  static Optional<String> toJson(byte[] body) {
    if (body.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(body, MAGIC.length), MAGIC)) {
      return Optional.empty();
    }
    try {
      Message unknown = new Message(body, MAGIC.length, body.length);
      Message typeMeta = unknown.message(1);
      String apiVersion = typeMeta == null ? null : typeMeta.string(1);
      String kind = typeMeta == null ? null : typeMeta.string(2);
      Message object = unknown.message(2);
      if ("authentication.k8s.io/v1".equals(apiVersion) && "TokenRequest".equals(kind) && object != null) {
        return Optional.of(tokenRequest(object).toString());
      }
      if (!"v1".equals(apiVersion) || !("Namespace".equals(kind) || "ServiceAccount".equals(kind)) || object == null) {
        return Optional.empty();
      }
      ObjectNode json = JSON.createObjectNode().put("apiVersion", apiVersion).put("kind", kind);
      json.set("metadata", metadata(object.message(1)));
      return Optional.of(json.toString());
    } catch (IllegalArgumentException malformed) {
      return Optional.empty();
    }
  }

  private static ObjectNode tokenRequest(Message object) {
    ObjectNode json = JSON.createObjectNode().put("apiVersion", "authentication.k8s.io/v1").put("kind", "TokenRequest");
    json.set("metadata", metadata(object.message(1)));
    ObjectNode spec = json.putObject("spec");
    Message source = object.message(2);
    if (source != null) {
      source.strings(1).forEach(spec.putArray("audiences")::add);
      Long expiry = source.varint(4);
      if (expiry != null) {
        spec.put("expirationSeconds", expiry);
      }
    }
    return json;
  }

  private static ObjectNode metadata(Message meta) {
    ObjectNode out = JSON.createObjectNode();
    if (meta == null) {
      return out;
    }
    putIfSet(out, "name", meta.string(1));
    putIfSet(out, "generateName", meta.string(2));
    putIfSet(out, "namespace", meta.string(3));
    putMap(out, "labels", meta, 11);
    putMap(out, "annotations", meta, 12);
    var finalizers = meta.strings(14);
    if (!finalizers.isEmpty()) {
      finalizers.forEach(out.putArray("finalizers")::add);
    }
    return out;
  }

  private static void putIfSet(ObjectNode out, String name, String value) {
    if (value != null && !value.isEmpty()) {
      out.put(name, value);
    }
  }

  /** A protobuf {@code map<string, string>}: repeated entries with the key in field 1 and the value in field 2. */
  private static void putMap(ObjectNode out, String name, Message message, int field) {
    var entries = message.messages(field);
    if (!entries.isEmpty()) {
      ObjectNode map = out.putObject(name);
      entries.forEach(e -> map.put(e.string(1) == null ? "" : e.string(1), e.string(2) == null ? "" : e.string(2)));
    }
  }

  /** One protobuf message: the fields of {@code bytes[from, to)}, read on demand. */
  private static final class Message {
    private final byte[] bytes;
    private final int from;
    private final int to;

    Message(byte[] bytes, int from, int to) {
      this.bytes = bytes;
      this.from = from;
      this.to = to;
    }

    /** The last value of a length-delimited field, as a message; null when absent. */
    Message message(int field) {
      var all = messages(field);
      return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    String string(int field) {
      var all = strings(field);
      return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    List<String> strings(int field) {
      return delimited(field).stream()
          .map(range -> new String(bytes, range[0], range[1] - range[0], StandardCharsets.UTF_8)).toList();
    }

    List<Message> messages(int field) {
      return delimited(field).stream().map(range -> new Message(bytes, range[0], range[1])).toList();
    }

    /** The last value of a varint field; null when absent. */
    Long varint(int field) {
      List<Long> values = new ArrayList<>();
      fields(field, values, null);
      return values.isEmpty() ? null : values.get(values.size() - 1);
    }

    /** The byte ranges of every length-delimited value of {@code field}; other fields are skipped by wire type. */
    private List<int[]> delimited(int field) {
      List<int[]> ranges = new ArrayList<>();
      fields(field, null, ranges);
      return ranges;
    }

    /** Walks the message: collects the varints (into {@code varints}) or byte ranges (into {@code ranges}) of {@code field}. */
    private void fields(int field, List<Long> varints, List<int[]> ranges) {
      int[] at = {from};
      while (at[0] < to) {
        long key = varint(at);
        int number = (int) (key >>> 3);
        int wireType = (int) (key & 7);
        switch (wireType) {
          case 0 -> {
            long value = varint(at);
            if (number == field && varints != null) {
              varints.add(value);
            }
          }
          case 1 -> at[0] += 8;
          case 5 -> at[0] += 4;
          case 2 -> {
            long length = varint(at);
            if (length < 0 || at[0] + length > to) {
              throw new IllegalArgumentException("a field runs past the end of its message");
            }
            if (number == field && ranges != null) {
              ranges.add(new int[] {at[0], at[0] + (int) length});
            }
            at[0] += (int) length;
          }
          default -> throw new IllegalArgumentException("unsupported wire type " + wireType);
        }
      }
      if (at[0] != to) {
        throw new IllegalArgumentException("a field runs past the end of its message");
      }
    }

    private long varint(int[] at) {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (at[0] >= to) {
          throw new IllegalArgumentException("a varint runs past the end of its message");
        }
        byte b = bytes[at[0]++];
        value |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return value;
        }
      }
      throw new IllegalArgumentException("a varint is longer than 10 bytes");
    }
  }
}
