// List prices of the platforms FaaS Lab deploys to, with where and when each figure was read.
// On-demand rates in the cheapest US region, no free tier (a benchmark should show what the
// calls cost, not what is left of a monthly grant). Users override any figure from settings.
import type { PlatformId } from '../model';
import { PLATFORM_IDS, UserError } from '../model';

/** How one platform (or one variant of it: architecture, plan) turns a call into money. */
export interface RateCard {
  label: string;
  /** Memory-time price. GB here is 1024 MB, as AWS, Azure and Google (GiB) compute it. */
  perGBSecondUSD: number;
  /** CPU-time price where CPU is billed apart from memory (Google); 0 elsewhere. */
  perVcpuSecondUSD: number;
  perMillionRequestsUSD: number;
  /** Billed duration is rounded up to a multiple of this... */
  billingIncrementMs: number;
  /** ...and is never less than this. */
  minimumBilledMs: number;
  /** 'observed': billed on memory used (Azure Consumption), else on memory configured. */
  memoryBasis: 'configured' | 'observed';
  /** Observed memory is rounded up to a multiple of this and clamped to the bounds below. */
  memoryRoundingMB?: number;
  minimumBilledMemoryMB?: number;
  maximumBilledMemoryMB?: number;
  /** vCPU a memory size gets when CPU is billed separately: first row with memoryMB <= upToMemoryMB. */
  vcpuByMemoryMB?: ReadonlyArray<{ upToMemoryMB: number; vcpu: number }>;
}

export interface PlatformPrices {
  /** Official page the figures belong to. */
  source: string;
  /** ISO date the figures were read. */
  readOn: string;
  region: string;
  /** How the figures were obtained and anything a reader should double-check. */
  notes?: string;
  /** Variant used when the caller names none (e.g. x86_64 for Lambda, flex for Azure). */
  defaultVariant: string;
  variants: Record<string, RateCard>;
}

export type PriceTable = Record<PlatformId, PlatformPrices>;

const FREE: RateCard = {
  label: 'runs on your machine',
  perGBSecondUSD: 0,
  perVcpuSecondUSD: 0,
  perMillionRequestsUSD: 0,
  billingIncrementMs: 1,
  minimumBilledMs: 0,
  memoryBasis: 'configured',
};

export const DEFAULT_PRICES: PriceTable = {
  aws: {
    source: 'https://aws.amazon.com/lambda/pricing/',
    readOn: '2026-11-23',
    region: 'us-east-1 (US East, N. Virginia), first tier (up to 6 billion GB-s/month x86, 7.5 billion arm64)',
    notes:
      'The official page renders its rate table client-side; the figures are its first-tier rates as quoted in ' +
      'copies of it (cloudchipr.com/blog/aws-lambda-pricing, a 2023 us-east-1 calculator gist). Duration is ' +
      '"rounded up to the nearest 1 ms" and also covers initialization code outside the handler (page text).',
    defaultVariant: 'x86_64',
    variants: {
      x86_64: {
        label: 'AWS Lambda x86_64',
        perGBSecondUSD: 0.0000166667,
        perVcpuSecondUSD: 0,
        perMillionRequestsUSD: 0.2,
        billingIncrementMs: 1,
        minimumBilledMs: 1,
        memoryBasis: 'configured',
      },
      arm64: {
        label: 'AWS Lambda arm64 (Graviton)',
        perGBSecondUSD: 0.0000133334,
        perVcpuSecondUSD: 0,
        perMillionRequestsUSD: 0.2,
        billingIncrementMs: 1,
        minimumBilledMs: 1,
        memoryBasis: 'configured',
      },
    },
  },
  gcp: {
    source: 'https://cloud.google.com/run/pricing',
    readOn: '2026-11-23',
    region: 'Tier 1 regions (e.g. us-central1), request-based billing (CPU allocated only during requests)',
    notes:
      'Cloud Run functions (Cloud Functions 2nd gen) are billed as Cloud Run services: "rounded up to the nearest ' +
      '100 millisecond". Billing is per instance; with the default concurrency of 1 an instance serves one call at ' +
      'a time, so per-call rounding is what is billed. vCPU per memory size: ' +
      'https://cloud.google.com/functions/docs/configuring/memory (default when no --cpu is set).',
    defaultVariant: 'request-based',
    variants: {
      'request-based': {
        label: 'Cloud Run functions, request-based billing',
        perGBSecondUSD: 0.0000025,
        perVcpuSecondUSD: 0.000024,
        perMillionRequestsUSD: 0.4,
        billingIncrementMs: 100,
        minimumBilledMs: 100,
        memoryBasis: 'configured',
        vcpuByMemoryMB: [
          { upToMemoryMB: 128, vcpu: 0.083 },
          { upToMemoryMB: 256, vcpu: 0.167 },
          { upToMemoryMB: 512, vcpu: 0.333 },
          { upToMemoryMB: 1024, vcpu: 0.583 },
          { upToMemoryMB: 2048, vcpu: 1 },
          { upToMemoryMB: 4096, vcpu: 2 },
          { upToMemoryMB: 8192, vcpu: 2 },
          { upToMemoryMB: 16384, vcpu: 4 },
          { upToMemoryMB: 32768, vcpu: 8 },
        ],
      },
    },
  },
  azure: {
    source: 'https://azure.microsoft.com/pricing/details/functions/',
    readOn: '2026-11-23',
    region: 'East US, pay-as-you-go',
    notes:
      'Flex Consumption on demand: $0.000026/GB-s as quoted from the pricing page by modal.com/blog/azure-function-pricing-guide ' +
      '(May 2025); $0.40 per million executions could not be confirmed in the copies read - check it on the pricing page. ' +
      'Billing: "minimum billable execution period ... is 1,000 ms. Past that, the billable activity period is rounded up to ' +
      'the nearest 100 ms" (learn.microsoft.com/azure/azure-functions/flex-consumption-plan#billing), on the instance memory ' +
      'size. Flex bills per instance: concurrent calls on one instance share it, so per-call estimates are an upper bound. ' +
      'Consumption: memory used rounded up to 128 MB, at most 1,536 MB; time rounded up to 1 ms, at least 100 ms and 128 MB.',
    defaultVariant: 'flex',
    variants: {
      flex: {
        label: 'Azure Functions Flex Consumption, on demand',
        perGBSecondUSD: 0.000026,
        perVcpuSecondUSD: 0,
        perMillionRequestsUSD: 0.4,
        billingIncrementMs: 100,
        minimumBilledMs: 1000,
        memoryBasis: 'configured',
      },
      consumption: {
        label: 'Azure Functions Consumption plan',
        perGBSecondUSD: 0.000016,
        perVcpuSecondUSD: 0,
        perMillionRequestsUSD: 0.2,
        billingIncrementMs: 1,
        minimumBilledMs: 100,
        memoryBasis: 'observed',
        memoryRoundingMB: 128,
        minimumBilledMemoryMB: 128,
        maximumBilledMemoryMB: 1536,
      },
    },
  },
  local: {
    source: 'none: local instances run on this machine',
    readOn: '2026-11-23',
    region: 'this machine',
    defaultVariant: 'free',
    variants: { free: FREE },
  },
  docker: {
    source: 'none: containers run on this machine',
    readOn: '2026-11-23',
    region: 'this machine',
    defaultVariant: 'free',
    variants: { free: FREE },
  },
  // Self-hosted: the cluster costs what it costs whether functions run or not; 0 unless overridden.
  openfaas: {
    source: 'none: OpenFaaS runs on your own cluster, billed by its machines, not per call (give a price override for "openfaas" to compare)',
    readOn: '2026-12-03',
    region: 'wherever the gateway runs',
    defaultVariant: 'self-hosted',
    variants: { 'self-hosted': { ...FREE, label: 'self-hosted: no per-call price' } },
  },
  // An endpoint FaaS Lab does not own: its price is not known, so it counts 0 unless overridden.
  http: {
    source: 'none: an HTTP endpoint FaaS Lab does not own; its price is not known (give one with a price override for "http")',
    readOn: '2026-12-02',
    region: 'wherever the endpoint runs',
    defaultVariant: 'unpriced',
    variants: { unpriced: { ...FREE, label: 'price not known' } },
  },
};

/** What a user may override: any field of any platform or variant; new variants are allowed. */
export type PriceOverrides = {
  [P in PlatformId]?: Partial<Omit<PlatformPrices, 'variants'>> & { variants?: Record<string, Partial<RateCard>> };
};

const NUMERIC_FIELDS = [
  'perGBSecondUSD',
  'perVcpuSecondUSD',
  'perMillionRequestsUSD',
  'billingIncrementMs',
  'minimumBilledMs',
  'memoryRoundingMB',
  'minimumBilledMemoryMB',
  'maximumBilledMemoryMB',
] as const;

/**
 * `base` with `overrides` laid over it, field by field. Unknown platforms, a new variant missing
 * a price, or a negative or non-numeric figure throw a UserError naming the offending key,
 * because a typo in a price setting would otherwise silently give wrong costs.
 */
export function mergePrices(base: PriceTable, overrides: PriceOverrides | undefined): PriceTable {
  const out = structuredClone(base);
  if (!overrides) return out;
  for (const [platform, o] of Object.entries(overrides)) {
    if (!(PLATFORM_IDS as readonly string[]).includes(platform)) {
      throw new UserError(`Price override for unknown platform "${platform}": use one of ${PLATFORM_IDS.join(', ')}.`);
    }
    if (!o) continue;
    const target = out[platform as PlatformId];
    const { variants, ...meta } = o;
    for (const [key, value] of Object.entries(meta)) {
      if (value !== undefined) (target as unknown as Record<string, unknown>)[key] = value;
    }
    for (const [name, partial] of Object.entries(variants ?? {})) {
      const merged = { ...(target.variants[name] ?? {}), ...partial } as RateCard;
      for (const field of NUMERIC_FIELDS) {
        const v = merged[field];
        if (v === undefined && field.startsWith('per')) {
          throw new UserError(`Price override ${platform}.${name} needs ${field} (a new variant must give every price).`);
        }
        if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v >= 0)) {
          throw new UserError(`Price override ${platform}.${name}.${field} must be a number >= 0, got ${JSON.stringify(v)}.`);
        }
      }
      if (!(merged.billingIncrementMs > 0)) {
        throw new UserError(`Price override ${platform}.${name}.billingIncrementMs must be > 0.`);
      }
      merged.label ??= `${platform} ${name}`;
      merged.minimumBilledMs ??= 0;
      merged.memoryBasis ??= 'configured';
      target.variants[name] = merged;
    }
    if (!target.variants[target.defaultVariant]) {
      throw new UserError(`Price override ${platform}.defaultVariant "${target.defaultVariant}" names no variant: use one of ${Object.keys(target.variants).join(', ')}.`);
    }
  }
  return out;
}

/** The rate card for a platform: the named variant when it has one, else its default. */
export function rateCardFor(platform: PlatformId, prices: PriceTable = DEFAULT_PRICES, variant?: string): RateCard {
  const p = prices[platform];
  return (variant !== undefined ? p.variants[variant] : undefined) ?? p.variants[p.defaultVariant];
}
