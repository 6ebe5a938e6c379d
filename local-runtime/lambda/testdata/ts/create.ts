import { greet } from './greet';

export const handler = async (event: { name: string }) => ({ greeting: greet(event.name) });
export const notAFunction = 42;
export default async (): Promise<string> => 'ts default export';
