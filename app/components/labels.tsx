import {
  CHANNEL_LABELS,
  STAGE_LABELS,
  VERSION_STATUS_LABELS,
  type Channel,
  type Stage,
  type VersionStatus,
} from '#app/lib/domain.ts'

export function StageBadge({ stage }: { stage: Stage }) {
  return <span className={`badge badge-stage-${stage}`}>{STAGE_LABELS[stage]}</span>
}

export function ChannelList({ channels }: { channels: Channel[] }) {
  return <>{channels.map((c) => CHANNEL_LABELS[c]).join(', ')}</>
}

export function VersionStatusBadge({ status }: { status: VersionStatus }) {
  return <span className={`badge badge-version-${status}`}>{VERSION_STATUS_LABELS[status]}</span>
}
