package io.azapg.tune;

import static io.azapg.tune.TunedSetting.JIT;
import static io.azapg.tune.TunedSetting.LOGICAL_DECODING_WORK_MEM;
import static io.azapg.tune.TunedSetting.MAX_REPLICATION_SLOTS;
import static io.azapg.tune.TunedSetting.MAX_WAL_SENDERS;
import static io.azapg.tune.TunedSetting.TEMP_BUFFERS;

/**
 * The per-session and replication allowances PostgreSQL leaves unbounded by default, each bounded
 * here so the worst case can count it: temp_buffers, WAL senders, replication slots with their
 * logical decoding memory, and JIT.
 */
final class SessionRules {
  /** WAL senders: a replica's stream, a base backup and its WAL stream, one logical subscriber. */
  static final int WAL_SENDERS = 4;

  private SessionRules() {}

  /** What the rules decided, as the budget needs it. */
  record Allowances(
      double tempBuffers, int walSenders, int slots, double decodingMemory, boolean jit) {
    /** The memory every session holds besides its process cost and work memory. */
    double perSession() {
      return tempBuffers + (jit ? MemoryModel.JIT_PER_BACKEND : 0);
    }

    /** Logical decoding memory: every slot decoded at once. */
    double decoding() {
      return slots * decodingMemory;
    }
  }

  static Allowances apply(Sheet sheet, TuneRequest request) {
    double limit = request.resources().memory().value().bytes();
    double temp =
        sheet.memory(
            TEMP_BUFFERS,
            Choice.of(
                Math.min(Math.max(limit / 1024, ByteSize.MIB), 8.0 * ByteSize.MIB),
                "1/1024 of the memory, between 1 MB and PostgreSQL's 8 MB: every session may fill"
                    + " its temporary-table buffers, so the worst case counts them per session"),
            256 * ByteSize.KIB);
    int senders =
        sheet.count(
            MAX_WAL_SENDERS,
            Choice.of(
                WAL_SENDERS,
                WAL_SENDERS
                    + ": a replica's stream, a base backup with its WAL stream and one logical"
                    + " subscriber; each sender is a process in the worst case (PostgreSQL's 10"
                    + " were uncounted)"));
    int slots =
        sheet.count(
            MAX_REPLICATION_SLOTS,
            Choice.of(
                WAL_SENDERS,
                "as max_wal_senders: a logical slot being decoded holds"
                    + " logical_decoding_work_mem, so each slot is counted"));
    double decoding =
        sheet.memory(
            LOGICAL_DECODING_WORK_MEM,
            Choice.of(
                Math.min(Math.max(limit / 256, ByteSize.MIB), 64.0 * ByteSize.MIB),
                "1/256 of the memory, between 1 MB and PostgreSQL's 64 MB: what each decoding"
                    + " (wal_level is logical) holds before it spills to disk"),
            ByteSize.MIB);
    String jit =
        sheet.word(
            JIT,
            "off",
            "off: compiling costs more than it saves on short statements, and each compiling"
                + " backend holds about 20 MB more (measured in this image); set jit=on for long"
                + " analytic queries and the worst case counts it per backend");
    return new Allowances(temp, senders, slots, decoding, jit.equals("on"));
  }
}
