// The volume browser's answers (GET /api/volumes/{name}/browse, POST .../restore), from the OpenAPI schemas.
import type { components } from '../../shared/api/schema.gen';

export type VolumeFileEntry = components['schemas']['VolumeFileEntry'];
export type VolumeBrowse = components['schemas']['VolumeBrowse'];
export type VolumeRestoreResult = components['schemas']['VolumeRestoreResult'];
