import { ApiError } from '../api/client.ts';

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The words to show for a failed call, as a sentence. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError || error instanceof Error) return sentence(error.message);
  return 'Something went wrong.';
}
