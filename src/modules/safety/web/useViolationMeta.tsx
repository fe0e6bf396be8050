import { useQuery } from '@tanstack/react-query';
import { api } from '../../../web/api';
import type { ViolationMeta } from '../contract';

/** The tenant's categories and severities (codes with their Chinese names), kinds and sources. */
export function useViolationMeta() {
  return useQuery({
    queryKey: ['violations', 'meta'],
    queryFn: () => api<ViolationMeta>('/violations/categories'),
    staleTime: 5 * 60_000,
  });
}
