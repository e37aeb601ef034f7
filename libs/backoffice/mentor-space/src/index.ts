export * from './lib/mentor-space.routes';
export * from './lib/action-items/my-action-items';
