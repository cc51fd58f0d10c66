import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import type { Page, UserDto } from '@lingyan/contracts';
import type { AuthUser } from '../auth/auth-user';
import { hashPassword } from '../auth/passwords';
import { SessionsService } from '../auth/sessions.service';
import { DomainError } from '../common/domain-error';
import { prepared } from '../database/prepared';
import { GroupRunner } from '../common/group-runner';
import { page } from '../common/paging';
import { RegionsService } from '../regions/regions.service';
import { User } from './user.entity';
import type { CreateUserDto, UpdateUserDto, UserListQueryDto } from './users.dto';
import { containsPattern } from '../common/like';

const UNIQUE_VIOLATION = '23505';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function notFound(): DomainError {
  return new DomainError('USER_NOT_FOUND', 'No such user in your region.');
}

@Injectable()
export class UsersService implements BeforeApplicationShutdown {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly regions: RegionsService,
    private readonly sessions: SessionsService,
  ) {}

  /**
   * Signed-in requests look their user up on every call (a deactivated user is shut out at once); those
   * arriving together share one query.
   */
  private readonly authLookups = new GroupRunner<string, AuthUser | null>(
    async (ids) => {
      const rows = await prepared<AuthUser>(
        this.dataSource,
        'auth-users',
        `SELECT id, username, name, roles, region_code AS "regionCode", region_path::text AS "regionPath"
           FROM app_user WHERE id = ANY($1::uuid[]) AND active`,
        // Only ids this API signed reach here, but one malformed id must not fail the others' query.
        [[...new Set(ids.filter((id) => UUID.test(id)))]],
      );
      const byId = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => ({ status: 'fulfilled', value: byId.get(id) ?? null }));
    },
    { maxSize: 256 },
  );

  beforeApplicationShutdown(): Promise<void> {
    return this.authLookups.idle();
  }

  /** The user behind an access token, with the path of their home region; null when inactive or gone. */
  findAuthUser(id: string): Promise<AuthUser | null> {
    return this.authLookups.run(id);
  }

  findForLogin(username: string): Promise<Pick<User, 'id' | 'passwordHash' | 'active'> | null> {
    return this.users
      .createQueryBuilder('u')
      .select(['u.id', 'u.active'])
      .addSelect('u.passwordHash')
      .where('lower(u.username) = lower(:username)', { username })
      .getOne();
  }

  async getDto(id: string): Promise<UserDto> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw notFound();
    return (await this.toDtos([user]))[0];
  }

  async list(actor: AuthUser, query: UserListQueryDto): Promise<Page<UserDto>> {
    const qb = this.users.createQueryBuilder('u');
    this.regions.scopeQuery(qb, actor, 'u.region_path');
    if (query.regionCode) {
      const region = await this.regions.requireInScope(actor, query.regionCode, 'regionCode');
      qb.andWhere('u.region_path <@ CAST(:filterPath AS ltree)', { filterPath: region.path });
    }
    if (query.role) qb.andWhere(':role = ANY(u.roles)', { role: query.role });
    if (query.active !== undefined) qb.andWhere('u.active = :active', { active: query.active });
    if (query.q) {
      const like = containsPattern(query.q);
      qb.andWhere('(u.name ILIKE :like OR u.username ILIKE :like OR u.phone LIKE :like)', { like });
    }
    // No joins here, so plain LIMIT/OFFSET and count(*) (TypeORM's skip/take and getCount add a
    // DISTINCT over the ids, which sorts every matching row).
    const [users, count] = await Promise.all([
      qb
        .clone()
        .orderBy('u.created_at', 'DESC')
        .addOrderBy('u.id', 'ASC')
        .offset((query.page - 1) * query.limit)
        .limit(query.limit)
        .getMany(),
      qb.clone().select('count(*)::int', 'total').getRawOne<{ total: number }>(),
    ]);
    const total = count?.total ?? 0;
    return page(await this.toDtos(users), total, query);
  }

  async get(actor: AuthUser, id: string): Promise<UserDto> {
    return (await this.toDtos([await this.loadInScope(actor, id)]))[0];
  }

  async create(actor: AuthUser, dto: CreateUserDto): Promise<UserDto> {
    await this.regions.requireInScope(actor, dto.regionCode, 'regionCode');
    const passwordHash = await hashPassword(dto.password);
    try {
      const saved = await this.users.save(
        this.users.create({
          username: dto.username,
          name: dto.name,
          phone: dto.phone ?? null,
          passwordHash,
          roles: dto.roles,
          position: dto.position ?? null,
          regionCode: dto.regionCode,
          active: true,
        }),
      );
      return this.getDto(saved.id);
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) {
        throw new DomainError('USERNAME_TAKEN', `The username ${dto.username} is taken.`);
      }
      throw error;
    }
  }

  async update(actor: AuthUser, id: string, dto: UpdateUserDto): Promise<UserDto> {
    const user = await this.loadInScope(actor, id);
    if (dto.regionCode !== undefined) await this.regions.requireInScope(actor, dto.regionCode, 'regionCode');
    if (user.id === actor.id) {
      if (dto.active === false) throw new DomainError('CANNOT_CHANGE_OWN_ACCOUNT', 'You cannot deactivate yourself.');
      if (dto.roles && !dto.roles.includes('admin')) {
        throw new DomainError('CANNOT_CHANGE_OWN_ACCOUNT', 'You cannot remove your own admin role.');
      }
      if (dto.regionCode !== undefined && dto.regionCode !== user.regionCode) {
        throw new DomainError('CANNOT_CHANGE_OWN_ACCOUNT', 'You cannot move yourself to another region.');
      }
    }
    const changes: Partial<User> = {};
    if (dto.name !== undefined) changes.name = dto.name;
    if (dto.phone !== undefined) changes.phone = dto.phone;
    if (dto.position !== undefined) changes.position = dto.position;
    if (dto.roles !== undefined) changes.roles = dto.roles;
    if (dto.regionCode !== undefined) changes.regionCode = dto.regionCode;
    if (dto.active !== undefined) changes.active = dto.active;
    if (dto.password !== undefined) changes.passwordHash = await hashPassword(dto.password);

    const sameRoles = (a: readonly string[], b: readonly string[]) =>
      a.length === b.length && [...a].sort().join() === [...b].sort().join();
    const cutSessions =
      (dto.active === false && user.active) ||
      (dto.roles !== undefined && !sameRoles(dto.roles, user.roles)) ||
      (dto.regionCode !== undefined && dto.regionCode !== user.regionCode) ||
      dto.password !== undefined;

    if (Object.keys(changes).length > 0) {
      await this.dataSource.transaction(async (tx) => {
        await tx.getRepository(User).update({ id }, changes);
        if (cutSessions) await this.sessions.endAllForUser(id, tx);
      });
    }
    return this.getDto(id);
  }

  /** A user inside the caller's subtree; anyone else does not exist for them (404). */
  private async loadInScope(actor: AuthUser, id: string): Promise<User> {
    const qb = this.users.createQueryBuilder('u').where('u.id = :id', { id });
    const user = await this.regions.scopeQuery(qb, actor, 'u.region_path').getOne();
    if (!user) throw notFound();
    return user;
  }

  private async toDtos(users: User[]): Promise<UserDto[]> {
    const regions = await this.regions.labels(users.map((u) => u.regionCode));
    return users.map((u) => {
      const region = regions.get(u.regionCode);
      return {
        id: u.id,
        username: u.username,
        name: u.name,
        phone: u.phone,
        roles: u.roles,
        position: u.position,
        region: {
          code: u.regionCode,
          name: region?.name ?? u.regionCode,
          level: region?.level ?? 'province',
          label: region?.label ?? u.regionCode,
        },
        active: u.active,
        createdAt: u.createdAt.toISOString(),
        updatedAt: u.updatedAt.toISOString(),
      };
    });
  }
}
