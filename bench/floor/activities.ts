// Bench only: the activity of the floor workflow, which does nothing.
export const floorActivities = {
  async noop(): Promise<void> {},
};

export type FloorActivities = typeof floorActivities;
