/** The app's screens, addressed by the URL hash so a reload or a shared link lands in the same place. */
export type Route = { name: 'journeys' } | { name: 'journey'; id: string };

export function parseRoute(hash: string): Route {
  const match = /^#?\/journeys\/([^/?#]+)/.exec(hash);
  if (match?.[1]) return { name: 'journey', id: decodeURIComponent(match[1]) };
  return { name: 'journeys' };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'journeys':
      return '#/journeys';
    case 'journey':
      return `#/journeys/${encodeURIComponent(route.id)}`;
    default: {
      const unreachable: never = route;
      return unreachable;
    }
  }
}
