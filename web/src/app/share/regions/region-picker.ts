import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  forwardRef,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { ControlValueAccessor, FormsModule, NG_VALUE_ACCESSOR } from '@angular/forms';
import type { RegionDto, RegionSearchHit } from '@lingyan/contracts';
import { isRegionCode, regionPath } from '@lingyan/domain';
import { NzButtonModule } from 'ng-zorro-antd/button';
import type { NzFormatEmitEvent, NzTreeNode, NzTreeNodeOptions } from 'ng-zorro-antd/core/tree';
import { NzEmptyModule } from 'ng-zorro-antd/empty';
import { NzIconModule } from 'ng-zorro-antd/icon';
import { NzInputModule } from 'ng-zorro-antd/input';
import { NzModalModule } from 'ng-zorro-antd/modal';
import { NzSpinModule } from 'ng-zorro-antd/spin';
import { NzTreeSelectModule } from 'ng-zorro-antd/tree-select';
import {
  Observable,
  catchError,
  debounceTime,
  distinctUntilChanged,
  forkJoin,
  map,
  of,
  startWith,
  switchMap,
} from 'rxjs';
import { AuthService } from '../../core/auth/auth.service';
import { TPipe } from '../../core/i18n/t.pipe';
import { RegionsService } from './regions.service';

type SearchState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'done'; hits: RegionSearchHit[] }
  | { status: 'error' };

/**
 * Picks one region of the signed-in user's subtree. A lazily loaded tree (children are fetched when a
 * node is expanded) rooted at the user's own region, plus a name search (`GET /api/regions?q=`).
 * The value is the region code (or null).
 */
@Component({
  selector: 'app-region-picker',
  imports: [
    FormsModule,
    NzButtonModule,
    NzEmptyModule,
    NzIconModule,
    NzInputModule,
    NzModalModule,
    NzSpinModule,
    NzTreeSelectModule,
    TPipe,
  ],
  providers: [{ provide: NG_VALUE_ACCESSOR, useExisting: forwardRef(() => RegionPicker), multi: true }],
  templateUrl: './region-picker.html',
  styleUrl: './region-picker.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RegionPicker implements ControlValueAccessor {
  private readonly regions = inject(RegionsService);
  private readonly auth = inject(AuthService);
  private readonly destroyRef = inject(DestroyRef);

  readonly placeholder = input<string>('');
  readonly allowClear = input(false);
  readonly inputId = input<string | null>(null);
  readonly testId = input('region-picker');

  protected readonly value = signal<string | null>(null);
  protected readonly disabled = signal(false);
  private readonly rootCode = computed(() => this.auth.user()?.region.code ?? null);
  private readonly root = signal<RegionDto | null>(null);
  private readonly childrenOf = signal<ReadonlyMap<string, RegionDto[]>>(new Map());
  protected readonly expandedKeys = signal<string[]>([]);
  protected readonly treeState = signal<'loading' | 'ready' | 'error'>('loading');

  protected readonly nodes = computed<NzTreeNodeOptions[]>(() => {
    const root = this.root();
    if (!root) return [];
    const children = this.childrenOf();
    const expanded = new Set(this.expandedKeys());
    const toNode = (region: RegionDto): NzTreeNodeOptions => {
      const loaded = children.get(region.code);
      return {
        title: region.name,
        key: region.code,
        isLeaf: !region.hasChildren,
        expanded: expanded.has(region.code) && !!loaded,
        children: loaded?.map(toNode),
      };
    };
    return [toNode(root)];
  });

  /** The selected region with its ancestors within the tree: 淳安县 / 枫树岭镇 / 下姜村. */
  protected readonly displayWith = (node: NzTreeNode): string => {
    const names: string[] = [];
    for (let current: NzTreeNode | null = node; current; current = current.parentNode) names.unshift(current.title);
    return names.join(' / ');
  };

  protected readonly searchOpen = signal(false);
  protected readonly query = signal('');
  protected readonly search = signal<SearchState>({ status: 'idle' });
  protected readonly searchHits = computed(() => {
    const state = this.search();
    return state.status === 'done' ? state.hits : [];
  });

  private onChange: (value: string | null) => void = () => undefined;
  private onTouched: () => void = () => undefined;

  constructor() {
    this.loadRoot();
    toObservable(this.query)
      .pipe(
        map((q) => q.trim()),
        debounceTime(300),
        distinctUntilChanged(),
        switchMap(
          (q): Observable<SearchState> =>
            q
              ? this.regions.search(q).pipe(
                  map((hits): SearchState => ({ status: 'done', hits })),
                  catchError(() => of<SearchState>({ status: 'error' })),
                  startWith<SearchState>({ status: 'loading' }),
                )
              : of<SearchState>({ status: 'idle' }),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((state) => this.search.set(state));
  }

  protected loadRoot(): void {
    const rootCode = this.rootCode();
    if (!rootCode) return;
    this.treeState.set('loading');
    forkJoin([this.regions.get(rootCode), this.regions.children(rootCode)])
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ([root, children]) => {
          this.childrenOf.update((map) => new Map(map).set(root.code, children));
          this.expandedKeys.update((keys) => [...new Set([...keys, root.code])]);
          this.root.set(root);
          this.treeState.set('ready');
          const value = this.value();
          if (value) this.reveal(value);
        },
        error: () => this.treeState.set('error'),
      });
  }

  writeValue(value: string | null): void {
    this.value.set(value || null);
    if (value && this.root()) this.reveal(value);
  }

  registerOnChange(fn: (value: string | null) => void): void {
    this.onChange = fn;
  }

  registerOnTouched(fn: () => void): void {
    this.onTouched = fn;
  }

  setDisabledState(disabled: boolean): void {
    this.disabled.set(disabled);
  }

  protected select(code: string | null): void {
    this.value.set(code || null);
    this.onChange(code || null);
    this.onTouched();
  }

  protected expand(event: NzFormatEmitEvent): void {
    const node = event.node;
    if (!node) return;
    const code = node.key;
    if (!node.isExpanded) {
      this.expandedKeys.update((keys) => keys.filter((key) => key !== code));
      return;
    }
    this.expandedKeys.update((keys) => (keys.includes(code) ? keys : [...keys, code]));
    if (this.childrenOf().has(code)) return;
    this.regions
      .children(code)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (children) => this.childrenOf.update((map) => new Map(map).set(code, children)),
        error: () => {
          node.isLoading = false;
          node.isExpanded = false;
          this.expandedKeys.update((keys) => keys.filter((key) => key !== code));
        },
      });
  }

  /** Loads the ancestors' children down to `code` so that the tree can show (and expand to) it. */
  private reveal(code: string): void {
    const rootCode = this.rootCode();
    if (!rootCode || !isRegionCode(code)) return;
    const path = regionPath(code).split('.');
    const start = path.indexOf(rootCode);
    if (start < 0) return;
    const parents = path.slice(start, -1);
    const missing = parents.filter((parent) => !this.childrenOf().has(parent));
    const loads = missing.length
      ? forkJoin(
          missing.map((parent) => this.regions.children(parent).pipe(map((children) => [parent, children] as const))),
        )
      : of([] as (readonly [string, RegionDto[]])[]);
    loads.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (loaded) => {
        this.childrenOf.update((current) => {
          const next = new Map(current);
          for (const [parent, children] of loaded) next.set(parent, children);
          return next;
        });
        this.expandedKeys.update((keys) => [...new Set([...keys, ...parents])]);
      },
      error: () => undefined,
    });
  }

  protected openSearch(): void {
    this.searchOpen.set(true);
  }

  protected closeSearch(): void {
    this.searchOpen.set(false);
    this.onTouched();
  }

  protected pick(hit: RegionSearchHit): void {
    this.reveal(hit.code);
    this.select(hit.code);
    this.searchOpen.set(false);
    this.query.set('');
  }
}
