/** The app's screens, addressed by the URL hash so a reload or a shared link lands in the same place. */
export type Route = { name: 'journeys' } | { name: 'journey'; id: string } | { name: 'experiments' } | { name: 'experiment'; id: string };

export function parseRoute(hash: string): Route {
  const journey = /^#?\/journeys\/([^/?#]+)/.exec(hash);
  if (journey?.[1]) return { name: 'journey', id: decodeURIComponent(journey[1]) };
  const experiment = /^#?\/experiments\/([^/?#]+)/.exec(hash);
  if (experiment?.[1]) return { name: 'experiment', id: decodeURIComponent(experiment[1]) };
  if (/^#?\/experiments\/?$/.test(hash)) return { name: 'experiments' };
  return { name: 'journeys' };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'journeys':
      return '#/journeys';
    case 'journey':
      return `#/journeys/${encodeURIComponent(route.id)}`;
    case 'experiments':
      return '#/experiments';
    case 'experiment':
      return `#/experiments/${encodeURIComponent(route.id)}`;
    default: {
      const unreachable: never = route;
      return unreachable;
    }
  }
}
