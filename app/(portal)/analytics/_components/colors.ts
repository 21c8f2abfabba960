/** Series colours for the analytics charts (a plain module: server pages import it too). */
export const SERIES_COLORS = ["#0f766e", "#2563eb", "#d97706", "#db2777", "#7c3aed", "#059669", "#dc2626", "#475569", "#0891b2", "#65a30d"];
