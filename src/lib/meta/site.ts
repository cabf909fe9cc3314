/**
 * The site's public origin for absolute link-preview addresses, fixed at build time:
 *
 *   PUBLIC_SITE_URL=https://digit-lab.example.org npm run build
 *
 * Without it the cards point at http://localhost:4173 (what `npm start` serves), which is right
 * for trying the site locally and wrong for a deployment: set it when you publish. A sub-path
 * (BASE_PATH) is added by the pages themselves, so give only the scheme and host here.
 */
import * as publicEnv from '$env/static/public';
import { siteOrigin } from './tags';

export const FALLBACK_ORIGIN = 'http://localhost:4173';

// Read through the namespace: a variable that is not set is then undefined, not a build error.
const configured = (publicEnv as Record<string, string | undefined>).PUBLIC_SITE_URL;

export const SITE_ORIGIN = siteOrigin(configured, FALLBACK_ORIGIN);
