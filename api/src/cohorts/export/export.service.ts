import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { EnrolmentStatus, Position, RegionLevel } from '@lingyan/contracts';
import { IMPORT_TEMPLATE_HEADERS } from '@lingyan/domain';
import type { AuthUser } from '../../auth/auth-user';
import type { ExportQueryDto } from '../cohorts.dto';
import { DashboardService } from '../dashboard.service';
import { TraineesService, type TraineeRow } from '../trainees.service';
import { writeSheet, type SheetCell, type SheetFile, type SheetFormat } from '../../common/sheets/sheet-writer';

const STATUS_ZH: Record<EnrolmentStatus, string> = {
  not_started: '未开始',
  in_progress: '学习中',
  completed: '已完成',
  overdue: '已逾期',
};
const POSITION_ZH: Record<Position, string> = {
  secretary: '书记',
  director: '主任',
  member: '委员',
  reserve: '后备干部',
};
const LEVEL_ZH: Record<RegionLevel, string> = {
  province: '省',
  city: '市',
  county: '县（市、区）',
  township: '乡镇（街道）',
  village: '村（社区）',
};

const PAGE = 2000;

/** Exports of the dashboard's region table and of trainee lists, streamed as CSV or XLSX. */
@Injectable()
export class ExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly dashboard: DashboardService,
    private readonly trainees: TraineesService,
  ) {}

  async regions(actor: AuthUser, cohortId: string, query: ExportQueryDto): Promise<SheetFile> {
    const view = await this.dashboard.dashboard(actor, cohortId, query.region);
    const rows =
      view.children.length > 0 ? view.children : [{ ...view.counts, region: view.region, hasChildren: false }];
    const headers = ['地区代码', '地区', '层级', '报名人数', '已完成', '完成率（%）', '学习中', '未开始', '已逾期'];
    async function* cells(): AsyncGenerator<SheetCell[]> {
      for (const r of rows) {
        yield [
          r.region.code,
          r.region.name,
          LEVEL_ZH[r.region.level],
          r.enrolled,
          r.completed,
          r.completionRate,
          r.inProgress,
          r.notStarted,
          r.overdue,
        ];
      }
    }
    return writeSheet(query.format, `${view.cohort.name}-${view.region.name}-完成情况`, headers, cells());
  }

  async traineeList(actor: AuthUser, cohortId: string, query: ExportQueryDto): Promise<SheetFile> {
    const selection = await this.trainees.select(actor, cohortId, query);
    const headers = [
      '姓名',
      '用户名',
      '手机号',
      '职务',
      '所在村（社区）',
      '状态',
      '已获学时',
      '要求学时',
      '本年学时',
      '本年应达学时',
      '最近学习',
      '报名时间',
      '完成时间',
    ];
    const { dataSource, trainees } = this;
    const time = (d: string | null) =>
      d ? new Date(Date.parse(d) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '';
    async function* cells(): AsyncGenerator<SheetCell[]> {
      // Keyset paging by user id: every page is an index range, however far into the list.
      let after = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const params = [...selection.params, after, PAGE];
        const rows: TraineeRow[] = await dataSource.query(
          `SELECT ${trainees.columns()} FROM ${trainees.from()}
            WHERE ${selection.where} AND e.user_id > $${params.length - 1}
            ORDER BY e.user_id LIMIT $${params.length}`,
          params,
        );
        if (rows.length === 0) return;
        after = rows[rows.length - 1].user_id;
        for (const t of await trainees.toDtos(selection, rows)) {
          yield [
            t.name,
            t.username,
            t.phone,
            t.position ? POSITION_ZH[t.position] : '',
            t.regionLabel,
            STATUS_ZH[t.status],
            t.earnedCredits,
            t.requiredCredits,
            t.yearCredits,
            t.paceCredits,
            time(t.lastActivityAt),
            time(t.enrolledAt),
            time(t.completedAt),
          ];
        }
      }
    }
    return writeSheet(query.format, `${selection.cohort.name}-${selection.region.name}-学员名单`, headers, cells());
  }

  template(format: SheetFormat): SheetFile {
    async function* cells(): AsyncGenerator<SheetCell[]> {
      yield ['张三', '13900000000', '', '淳安县枫树岭镇下姜村', '书记'];
      yield ['李四', '13900000001', 'lisi-xiajiang', '330127111264', '后备干部'];
    }
    return writeSheet(format, '村干部导入模板', IMPORT_TEMPLATE_HEADERS, cells());
  }
}
