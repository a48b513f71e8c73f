/**
 * The benchmarks read where a worker's time went from the SDK's Prometheus
 * metrics: these readings must add up across workers and subtract between
 * two moments exactly, or the performance figures in the README are wrong.
 */
import { between, meanMs, summed, timingsOf } from '../../bench/worker-metrics';

const labels = 'namespace="default",service_name="temporal-core-sdk",task_queue="courtflow-sct"';
const exposition = (paperMs: number, papers: number, hits: number) => `# HELP temporal_activity_execution_latency Histogram of activity execution latency
# TYPE temporal_activity_execution_latency histogram
temporal_activity_execution_latency_bucket{activity_type="issueCasePaper",${labels},le="50"} 3
temporal_activity_execution_latency_sum{activity_type="issueCasePaper",${labels},workflow_type="smallClaimWorkflow"} ${paperMs}
temporal_activity_execution_latency_count{activity_type="issueCasePaper",${labels},workflow_type="smallClaimWorkflow"} ${papers}
temporal_activity_execution_latency_sum{activity_type="projectSmallClaim",${labels},workflow_type="smallClaimWorkflow"} 300
temporal_activity_execution_latency_count{activity_type="projectSmallClaim",${labels},workflow_type="smallClaimWorkflow"} 6
temporal_activity_schedule_to_start_latency_sum{${labels}} 40
temporal_activity_schedule_to_start_latency_count{${labels}} 10
temporal_sticky_cache_hit{${labels},workflow_type="smallClaimWorkflow"} ${hits}
temporal_sticky_cache_hit{${labels},workflow_type="closureBroadcastWorkflow"} 1
temporal_sticky_cache_total_forced_eviction{${labels}} 2
temporal_workflow_task_execution_latency_sum{${labels},workflow_type="smallClaimWorkflow"} 900
temporal_workflow_task_execution_latency_count{${labels},workflow_type="smallClaimWorkflow"} 9
temporal_workflow_task_schedule_to_start_latency_sum{${labels}} 180
temporal_workflow_task_schedule_to_start_latency_count{${labels}} 9
`;

describe("a worker's SDK metrics, as the benchmarks read them", () => {
  it('when read, then each histogram gives its count and sum, each activity its own, and a counter missing from the exposition is 0', () => {
    const t = timingsOf(exposition(1200, 4, 7));
    expect(t.activity.execution).toEqual({ issueCasePaper: { count: 4, sumMs: 1200 }, projectSmallClaim: { count: 6, sumMs: 300 } });
    expect(meanMs(t.workflowTask.scheduleToStart)).toBe(20);
    expect(meanMs(t.workflowTask.execution)).toBe(100);
    expect(t.stickyCache).toEqual({ hits: 8, misses: 0, forcedEvictions: 2 });
    expect(meanMs(t.workflowTask.replay)).toBeNaN();
  });

  it('when two workers are summed and two moments subtracted, then the figures are those of the interval, for both together', () => {
    const before = summed([timingsOf(exposition(1200, 4, 7)), timingsOf(exposition(600, 2, 3))])!;
    const after = summed([timingsOf(exposition(2000, 6, 10)), timingsOf(exposition(900, 3, 3))])!;
    const d = between(before, after);
    expect(d.activity.execution.issueCasePaper).toEqual({ count: 3, sumMs: 1100 });
    expect(d.activity.execution.projectSmallClaim).toEqual({ count: 0, sumMs: 0 });
    expect(d.stickyCache.hits).toBe(3);
    expect(d.workflowTask.execution).toEqual({ count: 0, sumMs: 0 });
    expect(summed([])).toBeUndefined();
  });
});
