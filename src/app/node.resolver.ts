import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { AssessmentNode } from '../assessment/assessment.type';
import type { Context } from '../graphql/context';
import { ChecklistItemNode, ChecklistNode } from '../checklist/checklist.type';
import { EvidenceLinkNode } from '../evidence/evidence-link.type';
import { ClaimNode, MetricValueNode, ReportNode, ReportSectionNode } from '../reports/report.type';
import { UnitNode } from '../units/unit.type';
import { fromGlobalId, Node } from '../graphql/relay';
import { assessmentLoaders } from '../assessment/assessment.loaders';
import { checklistLoaders } from '../checklist/checklist.loaders';
import { linkLoaders } from '../evidence/evidence-link.loaders';
import { reportLoaders } from '../reports/report.loaders';
import { unitLoaders } from '../units/unit.loaders';

/** Loads any object by its global id through the request's loaders. */
async function loadNode(ctx: Context, globalId: string): Promise<Node | null> {
  const parsed = fromGlobalId(globalId);
  if (!parsed) return null;
  const { loaders } = ctx;
  switch (parsed.type) {
    case 'Unit': {
      const row = await loaders.of(unitLoaders).unitById.load(parsed.id);
      return row ? UnitNode.from(row) : null;
    }
    case 'Checklist': {
      const row = await loaders.of(checklistLoaders).checklistById.load(parsed.id);
      return row ? ChecklistNode.from(row) : null;
    }
    case 'ChecklistItem': {
      const row = await loaders.of(checklistLoaders).itemById.load(parsed.id);
      return row ? ChecklistItemNode.from(row) : null;
    }
    case 'Report': {
      const row = await loaders.of(reportLoaders).reportById.load(parsed.id);
      return row ? ReportNode.from(row) : null;
    }
    case 'ReportSection': {
      const row = await loaders.of(reportLoaders).sectionById.load(parsed.id);
      return row ? ReportSectionNode.from(row) : null;
    }
    case 'Claim': {
      const row = await loaders.of(reportLoaders).claimById.load(parsed.id);
      return row ? ClaimNode.from(row) : null;
    }
    case 'MetricValue': {
      const row = await loaders.of(reportLoaders).metricById.load(parsed.id);
      return row ? MetricValueNode.from(row) : null;
    }
    case 'EvidenceLink': {
      const row = await loaders.of(linkLoaders).linkById.load(parsed.id);
      return row ? EvidenceLinkNode.from(row) : null;
    }
    case 'Assessment': {
      const row = await loaders.of(assessmentLoaders).assessmentById.load(parsed.id);
      return row ? AssessmentNode.from(row) : null;
    }
    default:
      return null;
  }
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by its global id.' })
  node(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Node | null> {
    return loadNode(ctx, id);
  }

  @Query(() => [Node], { nullable: 'items', description: 'Several objects by global id, in the same order (null where not found).' })
  nodes(@Ctx() ctx: Context, @Arg('ids', () => [ID]) ids: string[]): Promise<(Node | null)[]> {
    return Promise.all(ids.slice(0, 200).map((id) => loadNode(ctx, id)));
  }
}
