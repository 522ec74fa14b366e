const EARTH_RADIUS_MILES = 3958.7613;

/**
 * Straight-line (great-circle, haversine) distance in miles between two WGS84 points: the district's
 * default measure for transportation eligibility and walk zones (DOMAIN.md sections 1 and 2). Pure math,
 * shared here so every department measures the same way.
 */
export function haversineMiles(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(a)));
}
