import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { RegionDetailDto, RegionDto, RegionSearchHit } from '@lingyan/contracts';
import { AnyRole, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { RegionCodeParam, RegionSearchQuery } from './regions.dto';
import { RegionsService } from './regions.service';

@ApiTags('regions')
@Controller('regions')
@AnyRole()
export class RegionsController {
  constructor(private readonly regions: RegionsService) {}

  @Get()
  @ApiOkResponse({ description: 'Up to 20 regions of your subtree whose name contains q.' })
  search(@CurrentUser() actor: AuthUser, @Query() query: RegionSearchQuery): Promise<RegionSearchHit[]> {
    return this.regions.search(actor, query.q);
  }

  @Get(':code')
  @ApiOkResponse({ description: 'The region with its ancestors, root first.' })
  detail(@CurrentUser() actor: AuthUser, @Param() params: RegionCodeParam): Promise<RegionDetailDto> {
    return this.regions.detail(actor, params.code);
  }

  @Get(':code/children')
  children(@CurrentUser() actor: AuthUser, @Param() params: RegionCodeParam): Promise<RegionDto[]> {
    return this.regions.children(actor, params.code);
  }
}
