// The memory sizes to run at: removable tags, a field to add one, and the common sizes one click away.
import { AS_DEPLOYED, MAX_MEMORY_MB, MIN_MEMORY_MB } from '../../../core/experiment/spec';
import { tagList } from '../ui';
import { sectionElement, type FormContext, type Section } from './common';

const SUGGESTED_MB = [128, 256, 512, 1024, 2048];

export function memorySection(ctx: FormContext): Section {
  let sizes: number[] = [];
  const label = (mb: number) => (mb === AS_DEPLOYED ? 'as deployed' : `${mb} MB`);
  const tags = tagList({
    id: 'memorySettings',
    label: 'Memory sizes',
    wide: true,
    empty: 'None: the function runs at its deployed memory size, unchanged.',
    addLabel: 'Add',
    addPlaceholder: 'MB, e.g. 1024',
    suggestions: SUGGESTED_MB.map((mb) => `${mb} MB`),
    onRemove: (index) => ctx.change({ kind: 'memorySettings', memoryMB: sizes.filter((_, i) => i !== index) }),
    onAdd(text) {
      const mb = Number(text.replace(/\s*mb$/i, ''));
      if (text === '' || !Number.isInteger(mb) || mb < MIN_MEMORY_MB || mb > MAX_MEMORY_MB) {
        return `"${text}" is not a memory size: give whole MB from ${MIN_MEMORY_MB} to ${MAX_MEMORY_MB}`;
      }
      if (sizes.includes(mb)) return `${mb} MB is already in the list`;
      ctx.change({ kind: 'memorySettings', memoryMB: [...sizes, mb] });
      return undefined;
    },
  });
  const root = sectionElement('memory', 'Memory', 'Each size runs the whole set of iterations; sizes run in this order.', tags.root);
  return {
    root,
    update(doc, problems) {
      sizes = doc.model.values.memorySettings ?? [];
      tags.set(sizes.map(label));
      const raw = doc.model.raw.memorySettings;
      tags.setProblems([...(raw !== undefined ? [{ message: `memorySettings: the file holds ${raw}; adding a size replaces it`, severity: 'error' as const }] : []), ...problems.ofAll('memorySettings')]);
    },
    setDisabled: (d) => tags.setDisabled(d),
    fieldFor: (field) => (field === 'memorySettings' ? tags : undefined),
  };
}
