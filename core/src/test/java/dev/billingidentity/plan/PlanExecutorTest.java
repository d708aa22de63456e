package dev.billingidentity.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Applying a plan: in order, concurrent runs bounded, stopping at the first failure with what was applied. */
@Timeout(30)
class PlanExecutorTest {
  /** What the fake changes saw: the order they started and finished in, and how many ran at once. */
  static final class Recorder {
    final List<String> started = Collections.synchronizedList(new ArrayList<>());
    final List<String> finished = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxRunning = new AtomicInteger();
  }

  /** A change that records itself, optionally waits for others to run alongside it, optionally fails. */
  static final class FakeChange implements Change {
    private final String name;
    private final boolean concurrent;
    private final Recorder recorder;
    private final CountDownLatch together;
    private final RuntimeException failure;

    FakeChange(String name, boolean concurrent, Recorder recorder, CountDownLatch together, RuntimeException failure) {
      this.name = name;
      this.concurrent = concurrent;
      this.recorder = recorder;
      this.together = together;
      this.failure = failure;
    }

    static FakeChange sequential(String name, Recorder r) {
      return new FakeChange(name, false, r, null, null);
    }

    static FakeChange concurrent(String name, Recorder r, CountDownLatch together) {
      return new FakeChange(name, true, r, together, null);
    }

    FakeChange failingWith(RuntimeException e) {
      return new FakeChange(name, concurrent, recorder, together, e);
    }

    @Override
    public String kind() {
      return "Fake";
    }

    @Override
    public String describe() {
      return "fake " + name;
    }

    @Override
    public ObjectNode toJson() {
      return ChangeJson.of(this).put("name", name);
    }

    @Override
    public boolean concurrent() {
      return concurrent;
    }

    @Override
    public void apply(ApplyContext context) {
      recorder.started.add(name);
      int now = recorder.running.incrementAndGet();
      recorder.maxRunning.accumulateAndGet(now, Math::max);
      try {
        if (together != null) {
          together.countDown();
          together.await(5, TimeUnit.SECONDS);
        }
        Thread.sleep(concurrent ? 20 : 1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } finally {
        recorder.running.decrementAndGet();
      }
      if (failure != null) {
        throw failure;
      }
      recorder.finished.add(name);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  @Test
  void appliesSequentialChangesOneAtATimeInPlanOrder() {
    Recorder r = new Recorder();
    List<Change> plan = List.of(FakeChange.sequential("a", r), FakeChange.sequential("b", r),
        FakeChange.sequential("c", r), FakeChange.sequential("d", r));

    List<Change> applied = PlanExecutor.apply(plan, ApplyContexts.withoutPorts(8));

    assertThat(applied).containsExactlyElementsOf(plan);
    assertThat(r.started).containsExactly("a", "b", "c", "d");
    assertThat(r.maxRunning).hasValue(1);
  }

  @Test
  void runsConcurrentChangesWithAtMostTheConfiguredParallelism() {
    Recorder r = new Recorder();
    CountDownLatch threeTogether = new CountDownLatch(3);
    List<Change> plan = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      plan.add(FakeChange.concurrent("restart-" + i, r, threeTogether));
    }

    List<Change> applied = PlanExecutor.apply(plan, ApplyContexts.withoutPorts(3));

    assertThat(r.maxRunning).as("bounded by the concurrency, and reaching it").hasValue(3);
    assertThat(applied).containsExactlyInAnyOrderElementsOf(plan);
    assertThat(threeTogether.getCount()).isZero();
  }

  @Test
  void tellsTheProgressListenerOfEveryChangeWithACountThatEndsAtTheTotal() {
    Recorder r = new Recorder();
    List<Change> plan = new ArrayList<>(List.of(FakeChange.sequential("role", r)));
    for (int i = 0; i < 12; i++) {
      plan.add(FakeChange.concurrent("association-" + i, r, null));
    }
    List<String> told = Collections.synchronizedList(new ArrayList<>());
    List<Integer> counts = Collections.synchronizedList(new ArrayList<>());

    PlanExecutor.apply(plan, ApplyContexts.withoutPorts(4), (change, done, total) -> {
      told.add(change.toString());
      counts.add(done);
      assertThat(total).isEqualTo(13);
    });

    assertThat(told).hasSize(13).first().isEqualTo("role");
    assertThat(counts).containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(1, 13).boxed()
        .toList());
  }

  @Test
  void theListenerHearsTheEndOnceEvenWhenAChangeFails() {
    Recorder r = new Recorder();
    List<Change> plan = List.of(FakeChange.sequential("a", r),
        FakeChange.sequential("b", r).failingWith(new IllegalStateException("boom")), FakeChange.sequential("c", r));
    List<String> ends = Collections.synchronizedList(new ArrayList<>());

    catchThrowableOfType(ApplyFailedException.class, () -> PlanExecutor.apply(plan, ApplyContexts.withoutPorts(1),
        new ApplyProgress() {
          @Override
          public void applied(Change change, int done, int total) {}

          @Override
          public void finished(int done, int total) {
            ends.add(done + "/" + total);
          }
        }));

    assertThat(ends).containsExactly("1/3");
  }

  @Test
  void aFailingProgressListenerDoesNotFailTheApply() {
    Recorder r = new Recorder();
    List<Change> plan = List.of(FakeChange.sequential("a", r), FakeChange.sequential("b", r));

    List<Change> applied = PlanExecutor.apply(plan, ApplyContexts.withoutPorts(1), (change, done, total) -> {
      throw new IllegalStateException("terminal gone");
    });

    assertThat(applied).containsExactlyElementsOf(plan);
  }

  @Test
  void concurrencyOneAppliesConcurrentChangesOneByOne() {
    Recorder r = new Recorder();
    List<Change> plan = List.of(FakeChange.concurrent("x", r, null), FakeChange.concurrent("y", r, null),
        FakeChange.concurrent("z", r, null));

    List<Change> applied = PlanExecutor.apply(plan, ApplyContexts.withoutPorts(1));

    assertThat(applied).containsExactlyElementsOf(plan);
    assertThat(r.maxRunning).hasValue(1);
  }

  @Test
  void aSequentialChangeWaitsForTheConcurrentRunBeforeItAndTheRunWaitsForTheChangeBeforeIt() {
    Recorder r = new Recorder();
    CountDownLatch together = new CountDownLatch(4);
    FakeChange first = FakeChange.sequential("create-role", r);
    List<Change> restarts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      restarts.add(FakeChange.concurrent("restart-" + i, r, together));
    }
    FakeChange last = FakeChange.sequential("put-policy", r);
    List<Change> plan = new ArrayList<>();
    plan.add(first);
    plan.addAll(restarts);
    plan.add(last);

    List<Change> applied = PlanExecutor.apply(plan, ApplyContexts.withoutPorts(8));

    assertThat(applied).hasSize(6);
    assertThat(applied.get(0)).isSameAs(first);
    assertThat(applied.subList(1, 5)).containsExactlyInAnyOrderElementsOf(restarts);
    assertThat(applied.get(5)).isSameAs(last);
    assertThat(r.finished.get(0)).isEqualTo("create-role");
    assertThat(r.started.get(5)).isEqualTo("put-policy");
    assertThat(r.maxRunning).hasValue(4);
  }

  @Test
  void stopsAtTheFirstFailingChangeAndNamesItAndWhatWasApplied() {
    Recorder r = new Recorder();
    FakeChange a = FakeChange.sequential("a", r);
    FakeChange b = FakeChange.sequential("b", r).failingWith(new IllegalStateException("IAM said no"));
    FakeChange c = FakeChange.sequential("c", r);

    ApplyFailedException e = catchThrowableOfType(ApplyFailedException.class,
        () -> PlanExecutor.apply(List.of(a, b, c), ApplyContexts.withoutPorts(8)));

    assertThat(e.failed()).isSameAs(b);
    assertThat(e.applied()).containsExactly(a);
    assertThat(r.started).containsExactly("a", "b");
    assertThat(e).hasMessage(
        "apply stopped at 'fake b' after 1 applied change(s) ('fake a'): IAM said no "
            + "(running apply again continues from here)")
        .hasCauseInstanceOf(IllegalStateException.class);
  }

  @Test
  void aFailureOfTheChangeMadeInPlaceOfAPlannedOneNamesTheChangeThatFailed() {
    Recorder r = new Recorder();
    FakeChange a = FakeChange.sequential("a", r);
    FakeChange edit = FakeChange.sequential("edit trust", r);
    IllegalStateException cause = new IllegalStateException("IAM said no");
    Change create = new Change() {
      @Override
      public String kind() {
        return "Fake";
      }

      @Override
      public String describe() {
        return "fake create role";
      }

      @Override
      public ObjectNode toJson() {
        return ChangeJson.of(this);
      }

      @Override
      public void apply(ApplyContext context) {
        throw new SubstituteChangeFailedException(edit, "the role exists already", cause);
      }
    };

    ApplyFailedException e = catchThrowableOfType(ApplyFailedException.class,
        () -> PlanExecutor.apply(List.of(a, create), ApplyContexts.withoutPorts(8)));

    assertThat(e.failed()).isSameAs(edit);
    assertThat(e.planned()).containsSame(create);
    assertThat(e.applied()).containsExactly(a);
    assertThat(e).hasMessage("apply stopped at 'fake edit trust' (made in place of 'fake create role': the role "
        + "exists already) after 1 applied change(s) ('fake a'): IAM said no (running apply again continues from here)")
        .hasCause(cause);
  }

  @Test
  void theMessageNamesTheFirstAppliedChangesAndCountsTheRest() {
    Recorder r = new Recorder();
    List<Change> plan = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      plan.add(FakeChange.sequential("c" + i, r));
    }
    plan.add(FakeChange.sequential("bad", r).failingWith(new IllegalStateException("no")));

    ApplyFailedException e = catchThrowableOfType(ApplyFailedException.class,
        () -> PlanExecutor.apply(plan, ApplyContexts.withoutPorts(8)));

    assertThat(e).hasMessageContaining("after 8 applied change(s) ('fake c0', 'fake c1', 'fake c2', 'fake c3', "
        + "'fake c4' and 3 more): no");
  }

  @Test
  void aFailureInAConcurrentRunLetsTheRunFinishAndStopsBeforeTheNextChange() {
    Recorder r = new Recorder();
    FakeChange before = FakeChange.sequential("before", r);
    FakeChange ok1 = FakeChange.concurrent("ok-1", r, null);
    FakeChange bad = FakeChange.concurrent("bad", r, null).failingWith(new IllegalArgumentException("rollout timed out"));
    FakeChange ok2 = FakeChange.concurrent("ok-2", r, null);
    FakeChange after = FakeChange.sequential("after", r);

    ApplyFailedException e = catchThrowableOfType(ApplyFailedException.class,
        () -> PlanExecutor.apply(List.of(before, ok1, bad, ok2, after), ApplyContexts.withoutPorts(4)));

    assertThat(e.failed()).isSameAs(bad);
    assertThat(e.applied()).startsWith(before).containsExactlyInAnyOrder(before, ok1, ok2);
    assertThat(r.started).doesNotContain("after");
    assertThat(e).hasMessageContaining("'fake bad'").hasMessageContaining("rollout timed out")
        .hasMessageContaining("after 3 applied change(s)");
  }

  @Test
  void anEmptyPlanAppliesNothing() {
    assertThat(PlanExecutor.apply(List.of(), ApplyContexts.withoutPorts(8))).isEmpty();
  }
}
