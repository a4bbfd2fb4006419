/**
 * The dashboard's pace: events applied per frame. The steps go from one event per frame to `max`
 * (as many as fit in the frame's budget, the headless speed less the drawing). The default makes the
 * default workload watchable: at 200 events a frame (6,000 a second at 30 frames a second) `leaky`
 * raises its growth alert after some ten seconds and its leaking site climbs the Sites table to
 * the top over about a minute; a 200,000-event workload plays for about half a minute.
 */
export const speedSteps: readonly number[] = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000];

/** Index past the last step: as fast as the frame budget allows. */
export const maxSpeed = speedSteps.length;
export const defaultSpeed = speedSteps.indexOf(200);

export function eventsPerFrame(speed: number): number {
	return speed >= maxSpeed ? Number.POSITIVE_INFINITY : speedSteps[Math.max(0, speed)]!;
}

export function speedLabel(speed: number, toEnd: boolean): string {
	if (toEnd) return 'to end';
	return speed >= maxSpeed ? 'max' : `${speedSteps[speed]}/frame`;
}

export function faster(speed: number): number {
	return Math.min(maxSpeed, speed + 1);
}

export function slower(speed: number): number {
	return Math.max(0, speed - 1);
}
