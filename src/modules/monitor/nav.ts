// The header links on the monitor's pages: the staff areas of the user's role (the platform's list, so the
// directory's and other modules' areas show too) and the account page.
import type { FastifyRequest } from 'fastify';
import { staffAreasFor } from '../../platform/auth/index.js';
import type { NavLink } from '../../platform/web/layout.js';

export function headerNav(request: FastifyRequest): NavLink[] {
  return [
    ...staffAreasFor(request.user?.role).map((area) => ({
      href: request.href(area.path),
      label: request.t(area.labelKey),
    })),
    { href: request.href('/account'), label: request.t('auth.nav.account') },
  ];
}
