import { EventEmitter } from 'node:events';
import type { EndedState } from '../shared/attempt-states.js';

/**
 * Domain events, published by services after their transaction commits.
 * The monitoring module turns them into server-sent events per service point.
 */
export type DomainEvent =
  | { type: 'attempt.authorized'; servicePointId: string; attemptId: string; userId: string }
  | { type: 'attempt.cancelled'; servicePointId: string; attemptId: string; userId: string }
  | { type: 'attempt.started'; servicePointId: string; attemptId: string; userId: string }
  | { type: 'attempt.answer_saved'; servicePointId: string; attemptId: string; userId: string; seq: number }
  /** `at`: the time written as the attempt's last heartbeat (the live lists show it without reading the attempt). */
  | { type: 'attempt.heartbeat'; servicePointId: string; attemptId: string; userId: string; at: string }
  /** « Mettre en pause », « Reprendre », « Ajouter du temps »: the attempt's clock changed (attempts/clock.service.ts). */
  | {
      type: 'attempt.clock_changed';
      servicePointId: string;
      attemptId: string;
      userId: string;
      change: 'paused' | 'resumed' | 'time_added' | 'moved';
    }
  | {
      type: 'attempt.ended';
      servicePointId: string;
      attemptId: string;
      userId: string;
      state: EndedState;
    };

export class EventBus {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(event: DomainEvent): void {
    this.emitter.emit('event', event);
  }

  subscribe(listener: (event: DomainEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
